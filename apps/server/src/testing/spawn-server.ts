import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { expectNoSecretsIn, rememberSecretsOf, secretsIn } from "@tally/host/testing";
import { afterAll } from "vitest";

const serverDir = fileURLToPath(new URL("../..", import.meta.url));

export type RunningServer = {
  url: string;
  child: ChildProcess;
  lines: string[];
  stop(): Promise<number | null>;
};

/**
 * Starts the bundled server (`node dist/index.js`, what production runs) on a
 * free port and resolves once it logs that it is listening.
 */
/** Servers that printed a secret, found when they exited (killed ones included). */
const leaks: string[] = [];
// Registered for every test file that starts a server: the file fails if one printed a secret.
afterAll(() => {
  if (leaks.length) throw new Error(leaks.splice(0).join("; "));
});

export async function spawnServer(env: Record<string, string>, timeoutMs = 60_000): Promise<RunningServer> {
  rememberSecretsOf(env);
  const child = spawn(process.execPath, ["dist/index.js"], {
    cwd: serverDir,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, PORT: "0", LOG_LEVEL: "info", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines: string[] = [];
  const exited = once(child, "exit");
  void exited.then(() => {
    const leaked = secretsIn(lines.join("\n"));
    if (leaked.length) leaks.push(`apps/server printed secrets: ${[...new Set(leaked)].join(", ")}`);
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`server did not start:\n${lines.join("\n")}`)),
      timeoutMs,
    );
    for (const stream of [child.stdout, child.stderr]) {
      createInterface({ input: stream }).on("line", (line) => {
        lines.push(line);
        const match = /"url":"(http:[^"]+)"/.exec(line);
        if (match?.[1]) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      });
    }
    void exited.then(() => reject(new Error(`server exited:\n${lines.join("\n")}`)));
  });
  return {
    url,
    child,
    lines,
    async stop() {
      if (child.exitCode === null) child.kill("SIGTERM");
      const [code] = await exited;
      expectNoSecretsIn(lines.join("\n"), "apps/server");
      return code as number | null;
    },
  };
}
