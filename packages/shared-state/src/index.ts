export {
  type LimiterOptions,
  memorySharedState,
  openSharedState,
  type SharedState,
  type SharedStateOptions,
} from "./shared-state.ts";
