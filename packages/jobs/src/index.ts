export {
  deadLetterOf,
  type JobDefinition,
  type JobName,
  type JobPayloads,
  jobCatalogue,
} from "./catalogue.ts";
export { type EnqueueOptions, enqueue, enqueueAny } from "./enqueue.ts";
export { openQueue, type Queue, type QueueOptions } from "./queue.ts";
export { type JobHandler, type JobHandlers, startWorkers, type WorkerOptions } from "./workers.ts";
