import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import { loadConfig } from "./config.ts";

describe("configuration", () => {
  test("defaults to 127.0.0.1:4000", () => {
    expect(loadConfig({})).toMatchObject({ HOST: "127.0.0.1", PORT: 4000 });
  });

  test.each([
    [{ PORT: "eighty" }, "PORT"],
    [{ PORT: "70000" }, "PORT"],
    [{ DATABASE_URL: "mysql://localhost/tally" }, "DATABASE_URL"],
    [{ LOG_LEVEL: "loud" }, "LOG_LEVEL"],
  ])("%o is refused with a message naming %s", (env, name) => {
    expect(() => loadConfig(env)).toThrow(new RegExp(`^Invalid configuration: ${name}: `));
  });

  test("the built server prints one line naming the bad variable and exits 1", () => {
    const result = spawnSync(process.execPath, ["dist/index.js"], {
      cwd: fileURLToPath(new URL("..", import.meta.url)),
      env: { PATH: process.env.PATH, PORT: "not-a-port" },
      encoding: "utf8",
    });
    expect(result.status).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr.trim().split("\n")).toEqual([
      expect.stringMatching(/^Invalid configuration: PORT: /),
    ]);
  });
});
