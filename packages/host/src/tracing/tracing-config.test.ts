import { expect, test } from "vitest";
import { ConfigError } from "../runtime/host-config.ts";
import { tracingConfigFromEnv } from "./tracing.ts";

test("tracing is off by default; an OTLP endpoint alone turns it on; OTEL_TRACES_EXPORTER decides", () => {
  expect(tracingConfigFromEnv({})).toEqual({
    exporter: "none",
    endpoint: "http://127.0.0.1:4318",
    serviceName: null,
    sampler: "parentbased_always_on",
    ratio: 1,
  });
  expect(
    tracingConfigFromEnv({ OTEL_TRACES_SAMPLER: "parentbased_traceidratio", OTEL_TRACES_SAMPLER_ARG: "0.1" }),
  ).toMatchObject({ sampler: "parentbased_traceidratio", ratio: 0.1 });
  expect(tracingConfigFromEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318/" })).toMatchObject({
    exporter: "otlp",
    endpoint: "http://collector:4318",
  });
  expect(
    tracingConfigFromEnv({
      OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318",
      OTEL_TRACES_EXPORTER: "none",
    }).exporter,
  ).toBe("none");
  expect(tracingConfigFromEnv({ OTEL_TRACES_EXPORTER: "console", OTEL_SERVICE_NAME: "web-1" })).toMatchObject(
    {
      exporter: "console",
      serviceName: "web-1",
    },
  );
});

test.each([
  [{ OTEL_TRACES_EXPORTER: "jaeger" }, "OTEL_TRACES_EXPORTER"],
  [{ OTEL_EXPORTER_OTLP_ENDPOINT: "collector:4318" }, "OTEL_EXPORTER_OTLP_ENDPOINT"],
  [{ OTEL_TRACES_SAMPLER: "sometimes" }, "OTEL_TRACES_SAMPLER"],
  [{ OTEL_TRACES_SAMPLER_ARG: "2" }, "OTEL_TRACES_SAMPLER_ARG"],
])("%o is refused in one line naming %s", (env, name) => {
  expect(() => tracingConfigFromEnv(env)).toThrow(ConfigError);
  expect(() => tracingConfigFromEnv(env)).toThrow(new RegExp(`^Invalid configuration: ${name}: `));
});
