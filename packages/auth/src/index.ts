export {
  type Auth,
  type AuthSession,
  type CreateAuthOptions,
  createAuth,
  lookUpSession,
  type SessionLookup,
} from "./auth.ts";
export { type AuthConfig, authConfigFromEnv } from "./env.ts";
export { defaultSignInLimits, type SignInLimits } from "./rate-limit.ts";
export { type ConfirmedCaller, confirmCaller, type StoredMembership } from "./session-confirmation.ts";
