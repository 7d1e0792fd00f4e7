import { TRPCClientError } from "@trpc/client";

/**
 * A scenario's record of what a client saw, step by step, as plain data.
 * Run against each arrangement of hosts, the transcripts must be identical
 * once ids, times and the per-run prefix are replaced by placeholders.
 */
export function createTranscript(prefix: string) {
  const steps: Record<string, unknown> = {};
  return {
    /** Records the call's result or error and returns the result (undefined after an error). */
    async step<T>(name: string, call: () => Promise<T>): Promise<T | undefined> {
      try {
        const value = await call();
        steps[name] = { ok: value };
        return value;
      } catch (error) {
        steps[name] = { error: describe(error) };
        return undefined;
      }
    },
    /** Like step, but the scenario cannot go on without the result. */
    async must<T>(name: string, call: () => Promise<T>): Promise<T> {
      const value = await call();
      steps[name] = { ok: value };
      return value;
    },
    done: () => normalise(steps, prefix) as Record<string, unknown>,
  };
}

function describe(error: unknown) {
  if (!(error instanceof TRPCClientError)) throw error;
  const data = error.data as { code?: string; httpStatus?: number; inputIssues?: unknown } | undefined;
  return {
    message: error.message,
    code: data?.code,
    httpStatus: data?.httpStatus,
    inputIssues: data?.inputIssues,
  };
}

/** cuid2 and better-auth ids, alone or inside a message. */
const GENERATED_ID = /\b[a-zA-Z0-9]{24,32}\b/g;

function normalise(value: unknown, prefix: string): unknown {
  if (value instanceof Date) return "<date>";
  if (typeof value === "string") return value.replaceAll(prefix, "<prefix>").replace(GENERATED_ID, "<id>");
  if (Array.isArray(value)) return value.map((item) => normalise(item, prefix));
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [
        key,
        (key === "nextCursor" || key === "requestId") && item ? `<${key}>` : normalise(item, prefix),
      ]),
    );
  }
  return value;
}
