import { idempotencyKey } from "@tally/validators";
import { expect, test } from "vitest";
import { newIdempotencyKey } from "./idempotency-key.ts";

test("keys are accepted by the server's idempotency key rule and differ between attempts", () => {
  const first = newIdempotencyKey();
  const second = newIdempotencyKey();

  expect(idempotencyKey.safeParse(first).success).toBe(true);
  expect(first).not.toBe(second);
});
