import type { JobsResult } from "./jobs-bench.ts";

const fixed = (value: number, digits = 0) => value.toFixed(digits);

/** The jobs section of the record (issue 13). */
export function jobsSection(jobs: JobsResult | null, failure?: string): string[] {
  const title = "## Background jobs on PostgreSQL (issue 13)";
  if (!jobs) return [title, "", `Not measured: ${failure ?? "unknown failure"}.`, ""];
  const { noop, smallReports, place, bigReport } = jobs;
  const met = place.ratio >= 0.9;
  return [
    title,
    "",
    "One worker process (Tally's handlers through `startWorkers`, default concurrency 2, run under tsx) on the bench database. Each batch of jobs is committed in one transaction before the clock starts, so the no-op figure includes the seconds before the workers see the backlog (pg-boss's queue stats, which let a worker fetch again at once instead of waiting its 2 s poll). Memory is the worker's own: resident set before the report, and the kernel's high-water mark (VmHWM, reset just before) after it.",
    "",
    "| measurement | result |",
    "|---|---:|",
    `| no-op jobs (${noop.jobs.toLocaleString("en")}) | ${fixed(noop.jobsPerSecond)} jobs/s (${fixed(noop.seconds, 1)} s) |`,
    `| small sales reports (${smallReports.jobs}: ${smallReports.organisations} organisations, ${smallReports.ordersEach} orders each, one at a time per organisation) | ${fixed(smallReports.jobsPerSecond, 1)} jobs/s (${fixed(smallReports.seconds, 1)} s) |`,
    `| sales report over ${bigReport.orders.toLocaleString("en")} orders by product (${bigReport.groups} groups): wall time, claimed to written | ${fixed(bigReport.wallSeconds, 1)} s |`,
    `| worker RSS: idle before that report → peak during it | ${fixed(bigReport.idleRssMb)} MB → ${fixed(bigReport.peakRssMb)} MB |`,
    "",
    `orders.place in-process (the procedure inside a transaction the bench opens, ${place.clients} concurrent clients, every draft on one product, alternating rounds of 1.5 s, A B C then C B A): without an enqueue; with one enqueued in the same transaction before placing (before the product's row lock, where decision 016 puts writes that go with placing); and with one enqueued after placing (the row lock held through the enqueue):`,
    "",
    "| round | without, orders/s | enqueue first, orders/s | enqueue after, orders/s |",
    "|---:|---:|---:|---:|",
    ...place.rounds.map(
      (round, n) =>
        `| ${n + 1} | ${fixed(round.without)} | ${fixed(round.enqueueFirst)} | ${fixed(round.enqueueAfter)} |`,
    ),
    "",
    `Ratio with / without, enqueue first: **${fixed(place.ratio, 2)}×** (goal ≥ 0.9×: ${met ? "met" : "**not met**"}); enqueue after placing: ${fixed(place.ratioAfter, 2)}×.`,
    "",
  ];
}
