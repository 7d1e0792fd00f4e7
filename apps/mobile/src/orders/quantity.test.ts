import { expect, test } from "vitest";
import { checkQuantity } from "./quantity.ts";

test("a quantity is checked with the same schema the orders.addItem procedure uses", () => {
  expect(checkQuantity("3")).toEqual({ ok: true, quantity: 3 });
  expect(checkQuantity("0")).toEqual({ ok: false, message: "At least 1" });
  expect(checkQuantity("1.5")).toEqual({ ok: false, message: "Whole units only" });
  expect(checkQuantity("20000")).toEqual({ ok: false, message: "At most 10,000" });
  expect(checkQuantity("")).toMatchObject({ ok: false });
});
