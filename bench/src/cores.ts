// With taskset and two or more cores, servers get core 0 and the load
// generator core 1, so neither steals the other's CPU time.
import { execFileSync } from "node:child_process";
import { availableParallelism } from "node:os";

const canPin = (() => {
  if (availableParallelism() < 2) return false;
  try {
    execFileSync("taskset", ["-c", "0", "true"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();

export const serverCores = () => (canPin ? "0" : null);
export const clientCores = () => (canPin ? "1" : null);

/** The command line that runs `command` on `cores` (serverCores() or clientCores()), when pinning is possible. */
export function onCores(cores: string | null, command: string, args: string[]): [string, string[]] {
  return cores ? ["taskset", ["-c", cores, command, ...args]] : [command, args];
}
