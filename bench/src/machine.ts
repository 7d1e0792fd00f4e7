import { readFileSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import { serverCores } from "./cores.ts";
import { repoRoot } from "./server-process.ts";

const VERSIONS_OF = ["@trpc/server", "next", "prisma", "better-auth", "pg", "superjson", "zod", "typescript"];

export function describeMachine(loadGenerator: string) {
  const cpu = cpus()[0]?.model ?? "unknown CPU";
  return {
    cpu: `${cpus().length} × ${cpu}, ${Math.round(totalmem() / 2 ** 30)} GiB`,
    node: process.version,
    versions: VERSIONS_OF.map((name) => `${name} ${catalogVersion(name)}`).join(", "),
    pinning: serverCores()
      ? "servers on core 0, load generator on core 1 (taskset)"
      : "no pinning (taskset missing or one core)",
    loadGenerator,
  };
}

/** 1-minute load average: above the core count, something else was running during the bench. */
export const currentLoad = () => loadavg()[0] ?? 0;

function catalogVersion(name: string): string {
  const workspace = readFileSync(`${repoRoot}/pnpm-workspace.yaml`, "utf8");
  const catalog = workspace.slice(workspace.indexOf("\ncatalog:"));
  const line = catalog.split("\n").find((text) => text.trim().replace(/"/g, "").startsWith(`${name}:`));
  return line?.split(":").at(-1)?.trim() ?? "?";
}
