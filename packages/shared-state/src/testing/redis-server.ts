import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { createServer } from "node:net";

/** A private Redis for one test file: its own port, nothing persisted, stoppable to test the fallbacks. */
export type TestRedis = {
  url: string;
  stop(): Promise<void>;
  /** Starts it again on the same port, as an operator restarting Redis would. */
  restart(): Promise<void>;
};

const REDIS_SERVER = process.env.REDIS_SERVER_PATH ?? "redis-server";

export async function startTestRedis(): Promise<TestRedis> {
  const port = await freePort();
  let child: ChildProcess | undefined = await launch(port);
  return {
    url: `redis://127.0.0.1:${port}`,
    async stop() {
      if (!child) return;
      const exiting = once(child, "exit");
      child.kill("SIGKILL");
      await exiting;
      child = undefined;
    },
    async restart() {
      child ??= await launch(port);
    },
  };
}

async function launch(port: number): Promise<ChildProcess> {
  const child = spawn(
    REDIS_SERVER,
    [
      "--port",
      String(port),
      "--bind",
      "127.0.0.1",
      "--save",
      "",
      "--appendonly",
      "no",
      "--protected-mode",
      "yes",
    ],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("Ready to accept connections")) resolve();
    });
    child.once("error", (error) =>
      reject(new Error(`${REDIS_SERVER} did not start (${error.message}); install redis-server`)),
    );
    child.once("exit", (code) =>
      reject(new Error(`redis-server exited with ${code}: ${output.slice(-500)}`)),
    );
  });
  const timeout = setTimeout(() => child.kill("SIGKILL"), 10_000);
  try {
    await ready;
  } finally {
    clearTimeout(timeout);
  }
  return child;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject()));
    });
  });
}
