import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

/** The package's entry point, for scripts that run in a child process. */
export const databaseModule = fileURLToPath(new URL("../database.ts", import.meta.url));

/**
 * Runs an ES module script in a new Node process (TypeScript through tsx), as a
 * second Tally process would; resolves with what it printed, rejects on a
 * non-zero exit with its output.
 */
export function runScript(source: string): { child: ChildProcess; done: Promise<string> } {
  const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", source], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk));
  const done = new Promise<string>((resolve, reject) =>
    child.on("exit", (code, signal) =>
      code === 0 ? resolve(output.trim()) : reject(new Error(`exit ${code ?? signal}: ${output}`)),
    ),
  );
  return { child, done };
}

/** Resolves once the child has printed `line` on a line of its own. */
export function printed(child: ChildProcess, line: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let seen = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      seen += chunk;
      if (seen.split("\n").includes(line)) resolve();
    });
    child.on("exit", (code) => reject(new Error(`exited (${code}) before printing ${line}: ${seen}`)));
  });
}
