export { type ForwardedRequest, resolveForwardedRequest } from "./forwarded-headers.ts";
export { type ForwardingConfig, forwardingConfigFromEnv } from "./forwarding-config.ts";
export { createForwardingHandler } from "./forwarding-handler.ts";
export {
  type CredentialVerifier,
  createCredentialVerifier,
  SERVICE_CREDENTIAL_HEADER,
  signServiceCredential,
} from "./service-credential.ts";
export { createTrpcEndpoint, routerNames } from "./trpc-endpoint.ts";
