import { writeFileSync } from "node:fs";
import { currentLoad, describeMachine } from "./machine.ts";

/**
 * A section run alone (`bench:place`, `bench:jobs`, `bench:dashboard`): the
 * machine and the load around the run as a header over the section's lines,
 * written to `results/<file>` and printed.
 */
export function writeSectionReport({
  title,
  loadBefore,
  loadGenerator,
  lines,
  file,
}: {
  title: string;
  loadBefore: number;
  loadGenerator: string;
  lines: string[];
  file: string;
}) {
  const machine = describeMachine(loadGenerator);
  const report = [
    `# ${title}`,
    "",
    `${new Date().toISOString()} · ${machine.cpu} · Node ${machine.node}`,
    "",
    `- Versions: ${machine.versions}`,
    `- Load average (1 min) ${loadBefore.toFixed(2)} before, ${currentLoad().toFixed(2)} after: above the core count means something else competed for the CPU.`,
    "",
    ...lines,
  ].join("\n");
  writeFileSync(new URL(`../results/${file}`, import.meta.url), report);
  console.log(report);
}
