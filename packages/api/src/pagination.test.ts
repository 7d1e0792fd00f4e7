import { expect, test } from "vitest";
import { z } from "zod";
import { alphabetical, newestFirst } from "./pagination.ts";

const tie = new Date("2026-02-02T00:00:00Z");
const middle = { id: "b", createdAt: tie };
const rows = [{ id: "c", createdAt: new Date("2026-03-03T00:00:00Z") }, middle, { id: "a", createdAt: tie }];

test("a page asks for one row more than its limit and hands out a cursor only when that row came back", async () => {
  const pages = newestFirst("createdAt");
  const asked: unknown[] = [];
  const full = await pages.fetchPage({ limit: 2 }, async (page) => {
    asked.push(page);
    return rows;
  });
  expect(asked).toEqual([{ after: {}, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: 3 }]);
  expect(full.items.map((row) => row.id)).toEqual(["c", "b"]);
  expect(full.nextCursor).toBe(pages.encode(middle));

  const last = await pages.fetchPage({ limit: 3 }, async () => rows);
  expect(last).toEqual({ items: rows, nextCursor: null });
});

test("the next page starts strictly after the cursor's row, ties broken by id", async () => {
  const pages = newestFirst("createdAt");
  const input = pages
    .input(z.object({ limit: z.number() }))
    .parse({ limit: 2, cursor: pages.encode(middle) });
  expect(input.cursor).toEqual({ createdAt: tie, id: "b" });
  const asked: unknown[] = [];
  await pages.fetchPage(input, async (page) => {
    asked.push(page.after);
    return [];
  });
  expect(asked).toEqual([{ OR: [{ createdAt: { lt: tie } }, { createdAt: tie, id: { lt: "b" } }] }]);
});

test("a cursor that was not handed out is a bad input on `cursor`", () => {
  const schema = alphabetical().input(z.object({}));
  const shapes = ["not base64 json", '{"name":"a"}', '["only-a-name"]', '["a","b","c"]', "[1,2]"];
  for (const cursor of shapes.map((text) => Buffer.from(text).toString("base64url"))) {
    const parsed = schema.safeParse({ cursor });
    expect(parsed.error?.issues).toEqual([
      expect.objectContaining({
        path: ["cursor"],
        message: "Invalid cursor: use the nextCursor of a previous page",
      }),
    ]);
  }
  const timeSchema = newestFirst("issuedAt").input(z.object({}));
  const wrongTime = Buffer.from('["not a date","id"]').toString("base64url");
  expect(timeSchema.safeParse({ cursor: wrongTime }).error?.issues[0]?.path).toEqual(["cursor"]);
});
