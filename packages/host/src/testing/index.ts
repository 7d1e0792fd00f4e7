/** The wire-level corpus and client the hosts' differential tests share (apps/server runs it on the built app). */
export { ADAPTER, type Corpus, protocolCorpus } from "../express-lane/differential/protocol-corpus.ts";
export {
  meaningfulHeaders,
  send,
  type WireRequest,
  type WireResponse,
} from "../express-lane/differential/send.ts";
export { trpcWire } from "../express-lane/differential/wire.ts";
export {
  signedDelivery,
  type TestPaymentEventOptions,
  testPaymentEvent,
} from "../webhooks/payment-test-events.ts";
export { limitsCorpus } from "./limits-corpus.ts";
export {
  expectNoSecretsIn,
  LoggedSecretError,
  rememberSecret,
  rememberSecretsOf,
  rememberSessionFrom,
  secretsIn,
} from "./secrets.ts";
