/** Next.js calls this once at start: tracing is set up before the first request (off unless OTEL_* asks). */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startTracing, tracingConfigFromEnv } = await import("@tally/host/tracing");
  startTracing(tracingConfigFromEnv(process.env), { serviceName: "tally-web" });
}
