import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../..", import.meta.url));

export type Target = { name: string; url: string; stop(): Promise<void> };
type TargetSpec = {
  name: string;
  cwd: string;
  args: string[];
  trpcPath: string;
  env?: Record<string, string>;
};

export const targetSpecs = (databaseUrl: string): TargetSpec[] => [
  { name: "raw node:http", cwd: "bench", args: ["--import", "tsx", "src/raw-server.ts"], trpcPath: "/trpc" },
  {
    name: "apps/server (tRPC node adapter)",
    cwd: "apps/server",
    args: ["dist/index.js"],
    trpcPath: "/trpc",
    env: { DATABASE_URL: databaseUrl },
  },
  {
    name: "next start (tRPC fetch adapter)",
    cwd: "apps/web",
    args: ["node_modules/next/dist/bin/next", "start", "--hostname", "127.0.0.1", "--port", "0"],
    trpcPath: "/api/trpc",
    env: { DATABASE_URL: databaseUrl },
  },
];

/** Starts one target in its own process and waits until the ping answers. */
export async function startTarget(spec: TargetSpec): Promise<Target> {
  const port = 47_000 + Math.floor(Math.random() * 2000);
  const args = spec.args.map((arg) => (arg === "0" ? String(port) : arg));
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: `${root}/${spec.cwd}`,
    env: {
      ...process.env,
      NODE_ENV: "production",
      LOG_LEVEL: "silent",
      PORT: String(port),
      HOST: "127.0.0.1",
      ...spec.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output: string[] = [];
  for (const stream of [child.stdout, child.stderr])
    createInterface({ input: stream! }).on("line", (line) => output.push(line));
  const url = `http://127.0.0.1:${port}${spec.trpcPath}/health.ping`;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${spec.name} exited:\n${output.join("\n")}`);
    const ok = await fetch(url).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) {
      return {
        name: spec.name,
        url,
        async stop() {
          child.kill("SIGTERM");
          await Promise.race([once(child, "exit"), sleep(5000).then(() => child.kill("SIGKILL"))]);
        },
      };
    }
    await sleep(200);
  }
  child.kill("SIGKILL");
  throw new Error(`${spec.name} did not answer:\n${output.join("\n")}`);
}
