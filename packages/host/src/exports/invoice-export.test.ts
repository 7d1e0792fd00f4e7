import { defaultRulesConfig, jobHandlers, logger, type RulesConfig } from "@tally/api";
import { billingOrganisation, createTestApi, type TestApi } from "@tally/api/testing";
import { openQueue, type Queue, startWorkers } from "@tally/jobs";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createInvoiceExportHandler } from "./invoice-export.ts";

// Procedures called directly prepare more than three invoices as a report; the
// download handler keeps the default limit unless a test hands it this one.
const smallExports: RulesConfig = { ...defaultRulesConfig, invoiceExportMaxRows: 3 };

let api: TestApi;
let worker: Queue | undefined;
beforeAll(async () => {
  api = await createTestApi({ config: smallExports });
});
afterAll(async () => {
  await worker?.stop({ graceful: false });
  await api?.close();
});

function download(token: string | null, query = "", batchSize?: number, config?: RulesConfig) {
  const exportInvoices = createInvoiceExportHandler({ db: api.db, auth: api.auth, batchSize, config });
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  return exportInvoices(new Request(`http://tally.test/api/invoices/export${query}`, { headers }));
}

/** RFC 4180, as a spreadsheet reads it: quoted fields may hold commas, quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted && char === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (char === '"') {
      quoted = !quoted;
    } else if (quoted) {
      field += char;
    } else if (char === ",") {
      row.push(field);
      field = "";
    } else if (char === "\r" && text[i + 1] === "\n") {
      rows.push([...row, field]);
      row = [];
      field = "";
      i++;
    } else {
      field += char;
    }
  }
  return rows;
}

async function csvOf(response: Response) {
  const [header = [], ...records] = parseCsv(await response.text());
  return records.map((record) => Object.fromEntries(header.map((name, i) => [name, record[i]])));
}

describe("who may export", () => {
  test("refusals are JSON with the status a client can act on, never a download", async () => {
    const acme = await billingOrganisation(api);
    const loner = await api.signUp("No organisation");

    const anonymous = await download(null, "?status=nonsense");
    expect(anonymous.status).toBe(401); // who you are is settled before what you asked for
    expect(anonymous.headers.get("content-type")).toContain("application/json");
    expect((await download(loner.token)).status).toBe(403);

    const badQuery = await download(acme.owner.token, "?status=overdue&from=someday");
    expect(badQuery.status).toBe(400);
    expect(await badQuery.json()).toMatchObject({
      error: expect.stringContaining("status"),
      inputIssues: { fieldErrors: { status: expect.any(Array), from: expect.any(Array) } },
    });
  });

  test("a member downloads their organisation's invoices, filtered, and none of another organisation's", async () => {
    const alice = await billingOrganisation(api, "Alice Ltd");
    const bob = await billingOrganisation(api, "Bob GmbH");
    const member = await alice.join("member");
    const first = await alice.issuedInvoice({ quantity: 2 });
    const voided = await alice.issuedInvoice();
    await alice.caller.invoices.void({ invoiceId: voided.id });
    const third = await alice.issuedInvoice({ quantity: 3 });
    const bobs = await bob.issuedInvoice();

    const response = await download(member.token);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(
      /^attachment; filename="invoices-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    const rows = await csvOf(response);
    expect(rows.map((row) => row.invoice_id)).toEqual([third.id, voided.id, first.id]);
    expect(rows.map((row) => row.invoice_id)).not.toContain(bobs.id);
    expect(rows[0]).toEqual({
      number: "3",
      status: "issued",
      customer: "Alice Ltd customer",
      currency: "USD",
      total: "30.00",
      paid: "0.00",
      issued_at: third.issuedAt.toISOString(),
      due_at: third.dueAt.toISOString(),
      paid_at: "",
      voided_at: "",
      order_id: third.order.id,
      invoice_id: third.id,
    });

    const onlyIssued = await csvOf(await download(member.token, "?status=issued"));
    expect(onlyIssued.map((row) => row.number)).toEqual(["3", "1"]);
    const another = await csvOf(await download(bob.owner.token, `?customerId=${alice.customer.id}`));
    expect(another).toEqual([]);
  });
});

describe("the file", () => {
  test("text a spreadsheet would misread arrives intact and inert: quoted where needed, formulas neutralised", async () => {
    const acme = await billingOrganisation(api);
    const names = [
      'Smith, "The Elder" & Sons',
      "Two\nLines",
      '=HYPERLINK("http://evil.example","Click")',
      "+31 20 555 0100",
      "-minus",
      "@SUM(A1:A9)",
      "Plain",
    ];
    for (const name of names) {
      const customer = await acme.caller.customers.create({ name });
      await acme.issuedInvoice({ customerId: customer.id });
    }

    const text = await (await download(acme.owner.token)).text();
    expect(text).toContain('"Smith, ""The Elder"" & Sons"');
    expect(text).toContain("'=HYPERLINK(");
    const customers = parseCsv(text)
      .slice(1)
      .map((record) => record[2]);
    expect(customers.reverse()).toEqual([
      'Smith, "The Elder" & Sons',
      "Two\nLines",
      `'=HYPERLINK("http://evil.example","Click")`,
      "'+31 20 555 0100",
      "'-minus",
      "'@SUM(A1:A9)",
      "Plain",
    ]);
  });

  test("the body is produced one database batch at a time, as the client reads it", async () => {
    const acme = await billingOrganisation(api);
    for (let i = 0; i < 5; i++) await acme.issuedInvoice();

    const response = await download(acme.owner.token, "", 2);
    const reader = response.body!.getReader();
    const chunks: string[] = [];
    for (let read = await reader.read(); !read.done; read = await reader.read()) {
      chunks.push(new TextDecoder().decode(read.value));
    }

    // The header and rows 5 and 4; rows 3 and 2; row 1.
    expect(chunks.map((chunk) => chunk.split("\r\n").filter(Boolean).length)).toEqual([3, 2, 1]);
    expect(chunks[0]).toMatch(/^number,status,customer,/);
    expect(parseCsv(chunks.join("")).map((record) => record[0])).toEqual(["number", "5", "4", "3", "2", "1"]);
  });
});

describe("large exports", () => {
  test("past the limit the link answers 409 and names the way; the report's file equals the direct download", async () => {
    const acme = await billingOrganisation(api, "Large exports");
    const other = await billingOrganisation(api, "Someone else");
    const customer = await acme.caller.customers.create({ name: '=Tricky, "quoted" name' });
    for (let n = 0; n < 4; n++) await acme.issuedInvoice({ quantity: n + 1 });
    await acme.issuedInvoice({ customerId: customer.id });
    const paid = await acme.issuedInvoice({ quantity: 7 });
    await acme.caller.invoices.void({ invoiceId: paid.id });
    await other.issuedInvoice();

    const refused = await download(acme.owner.token, "", undefined, smallExports);
    expect(refused.status).toBe(409);
    expect(await refused.json()).toEqual({
      error:
        "6 invoices are more than a direct download serves: export them as a report (invoices.export), then download it from Reports",
      invoices: 6,
    });
    // Below the limit the same handler streams the file, as before.
    const small = await download(acme.owner.token, "?status=void", undefined, smallExports);
    expect(small.status).toBe(200);

    const direct = await (await download(acme.owner.token, "", 2)).text();
    const exported = await acme.caller.invoices.export({});
    if (exported.delivery !== "report") throw new Error(`expected a report, got ${exported.delivery}`);
    worker = await openQueue({ url: api.url });
    await startWorkers(worker, jobHandlers({ db: api.db, log: logger, reportPacing: { batchSize: 4 } }), {
      pollingIntervalSeconds: 0.5,
    });
    const deadline = Date.now() + 30_000;
    let report = await acme.caller.reports.get({ id: exported.report.id });
    while (report.status !== "done" && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      report = await acme.caller.reports.get({ id: exported.report.id });
    }
    expect(report).toMatchObject({ status: "done", rowsDone: 6, rowsTotal: 6 });
    const { csv } = await acme.caller.reports.download({ id: exported.report.id });
    expect(parseCsv(direct)).toHaveLength(7);
    expect(csv).toBe(direct);
  });
});
