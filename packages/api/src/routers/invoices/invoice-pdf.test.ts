/**
 * invoices.pdf on a real database: what the PDF prints comes from the rows,
 * the parties as they were at issue; the bytes are stable; and another
 * organisation's invoice is not found.
 */
import { extractText, getDocumentProxy } from "unpdf";
import { afterAll, beforeAll, expect, test } from "vitest";
import { createTestApi, type TestApi } from "../../testing/index.ts";
import { billingOrganisation, receivePayment } from "./invoices.fixtures.ts";

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi();
});
afterAll(() => api?.close());

async function pdfText(base64: string) {
  const document = await getDocumentProxy(new Uint8Array(Buffer.from(base64, "base64")));
  return (await extractText(document, { mergePages: true })).text.replace(/\s+/g, " ");
}

test("the PDF prints the invoice's number, parties as at issue, lines and totals, and stays the same until paid", async () => {
  const acme = await billingOrganisation(api, "Pdf Acme");
  await acme.caller.org.settings.update({
    senderName: "Acme Trading",
    postalAddress: "7 Mill Lane, York",
    paymentInstructions: "Pay to sort code 00-00-00, account 12345678",
  });
  const invoice = await acme.issuedInvoice({ quantity: 3 });
  const first = await acme.caller.invoices.pdf({ id: invoice.id });
  expect(first.fileName).toBe(`invoice-${String(invoice.number).padStart(5, "0")}.pdf`);

  // Edited after issue: the invoice already sent keeps what it said.
  await acme.caller.org.settings.update({ senderName: "Renamed Later", postalAddress: "Elsewhere" });
  const again = await acme.caller.invoices.pdf({ id: invoice.id });
  expect(again.base64).toBe(first.base64);

  const text = await pdfText(first.base64);
  expect(text).toContain(`Invoice ${String(invoice.number).padStart(5, "0")}`);
  expect(text).toContain("Acme Trading");
  expect(text).toContain("7 Mill Lane, York");
  expect(text).not.toContain("Renamed Later");
  expect(text).toContain("Pdf Acme customer");
  expect(text).toContain("Widget");
  expect(text).toContain("US$30.00");
  expect(text).toContain("Balance due US$30.00");
  expect(text).toContain("Pay to sort code 00-00-00");

  await receivePayment(api, invoice.id, 1_000);
  const paidPart = await pdfText((await acme.caller.invoices.pdf({ id: invoice.id })).base64);
  expect(paidPart).toContain("Balance due US$20.00");
});

test("another organisation's invoice PDF is not found", async () => {
  const acme = await billingOrganisation(api, "Pdf Owner");
  const rival = await billingOrganisation(api, "Pdf Rival");
  const invoice = await acme.issuedInvoice();
  await expect(rival.caller.invoices.pdf({ id: invoice.id })).rejects.toMatchObject({
    code: "NOT_FOUND",
  });
});
