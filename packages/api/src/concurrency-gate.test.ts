import { expect, test } from "vitest";
import { concurrencyGate } from "./concurrency-gate.ts";

/** Starts `count` pieces of work through the gate at once and returns how many ever ran together, and their finishing order. */
async function runThrough(gate: ReturnType<typeof concurrencyGate>, count: number) {
  let running = 0;
  let most = 0;
  const finished: number[] = [];
  await Promise.all(
    Array.from({ length: count }, (_, index) =>
      gate(async () => {
        running++;
        most = Math.max(most, running);
        await new Promise((resolve) => setTimeout(resolve, 5));
        running--;
        finished.push(index);
      }),
    ),
  );
  return { most, finished };
}

test("a bounded gate runs at most its limit at once, first come first served", async () => {
  const { most, finished } = await runThrough(concurrencyGate(3), 12);
  expect(most).toBe(3);
  expect(finished).toEqual(Array.from({ length: 12 }, (_, index) => index));
});

test("the same limit is one gate for the whole process", async () => {
  const [first, second] = [concurrencyGate(2), concurrencyGate(2)];
  let running = 0;
  let most = 0;
  const work = async () => {
    running++;
    most = Math.max(most, running);
    await new Promise((resolve) => setTimeout(resolve, 5));
    running--;
  };
  await Promise.all([first(work), second(work), first(work), second(work)]);
  expect(most).toBe(2);
});

test("a limit of 0 bounds nothing", async () => {
  const { most } = await runThrough(concurrencyGate(0), 12);
  expect(most).toBe(12);
});

test("a failure is the caller's and frees its place", async () => {
  const gate = concurrencyGate(1);
  await expect(gate(() => Promise.reject(new Error("lost the race")))).rejects.toThrow("lost the race");
  await expect(gate(async () => "next")).resolves.toBe("next");
});
