import { expect, test } from "vitest";
import { z } from "zod";
import { ConfigError, parseEnv } from "./env.ts";

const schema = z.object({ PORT: z.coerce.number().int().min(1), MODE: z.enum(["a", "b"]).default("a") });

test("a valid environment comes back parsed, with defaults", () => {
  expect(parseEnv(schema, { PORT: "8080", UNRELATED: "x" })).toEqual({ PORT: 8080, MODE: "a" });
});

test("a bad variable is one line that names it", () => {
  const attempt = () => parseEnv(schema, { PORT: "8080", MODE: "c" });
  expect(attempt).toThrow(ConfigError);
  expect(attempt).toThrow(/^Invalid configuration: MODE: Invalid option: expected one of "a"\|"b"$/);
});
