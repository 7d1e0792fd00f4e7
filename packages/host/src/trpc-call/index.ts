export {
  bodyInput,
  type CallInputs,
  callPaths,
  type InputDeserializer,
  inputsByIndex,
  isBatchCall,
  queryInput,
  wantsJsonLines,
} from "./read-calls.ts";
export { type TrpcCall, writeCalls } from "./write-calls.ts";
