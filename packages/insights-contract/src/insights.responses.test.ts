import { afterAll, beforeAll, expect, test } from "vitest";
import { z } from "zod";
import { latePaymentRiskResponse, stockOutForecastResponse } from "./insights.responses";
import type { LatePaymentRiskRequest, StockOutForecastRequest } from "./insights.types";
import { type RunningService, requireDebianPython, startInsightsService } from "./testing/insights-service";

let service: RunningService;
beforeAll(async () => {
  await requireDebianPython();
  service = await startInsightsService();
});
afterAll(() => service?.stop());

async function post(pathname: string, body: unknown, token: string | null = service.token) {
  const response = await fetch(`${service.url}${pathname}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

const productMarker = "product-marker-7f3a";
const forecastRequest = {
  products: [
    { product_id: productMarker, daily_sales: Array(28).fill(10), stock_on_hand: 95, lead_time_days: 5 },
    { product_id: "never-sells", daily_sales: Array(30).fill(0), stock_on_hand: 4, lead_time_days: 3 },
    { product_id: "new", daily_sales: [2, 5], stock_on_hand: 1, lead_time_days: 2 },
  ],
} satisfies StockOutForecastRequest;

function monthly(daysLate: number) {
  return Array.from({ length: 10 }, (_, index) => {
    const month = String(index + 1).padStart(2, "0");
    const due = new Date(Date.UTC(2026, index, 28));
    const paid = new Date(due.getTime() + daysLate * 86_400_000);
    return {
      amount: 100,
      issue_date: `2026-${month}-01`,
      due_date: due.toISOString().slice(0, 10),
      paid_date: paid.toISOString().slice(0, 10),
    };
  });
}

const riskRequest = {
  as_of: "2026-12-01",
  customers: [
    {
      customer_id: "late-payer",
      history: monthly(30),
      open_invoices: [
        {
          invoice_id: "late-1",
          amount: 100,
          issue_date: "2026-11-20",
          due_date: "2026-12-20",
          days_overdue: 0,
        },
        {
          invoice_id: "late-2",
          amount: 90,
          issue_date: "2026-10-01",
          due_date: "2026-10-31",
          days_overdue: 31,
        },
      ],
    },
    {
      customer_id: "punctual",
      history: monthly(0),
      open_invoices: [
        {
          invoice_id: "ok-1",
          amount: 300,
          issue_date: "2026-11-20",
          due_date: "2026-12-20",
          days_overdue: 0,
        },
      ],
    },
  ],
} satisfies LatePaymentRiskRequest;

test("the zod schema accepts the service's real stock-out forecast", async () => {
  const { status, body } = await post("/v1/forecasts/stock-out", forecastRequest);
  expect(status).toBe(200);
  const forecast = stockOutForecastResponse.parse(body);
  expect(forecast.forecasts.map((f) => [f.product_id, f.days_until_stockout, f.demand.method])).toEqual([
    [productMarker, 9.5, "window_mean"],
    ["never-sells", null, "no_demand"],
    ["new", 0.29, "short_history"],
  ]);
});

test("the zod schema accepts the service's real late-payment risk", async () => {
  const { status, body } = await post("/v1/risk/late-payment", riskRequest);
  expect(status).toBe(200);
  const risk = latePaymentRiskResponse.parse(body);
  expect(risk.invoices.map((invoice) => [invoice.invoice_id, invoice.band])).toEqual([
    ["late-1", "high"],
    ["late-2", "high"],
    ["ok-1", "low"],
  ]);
  expect(risk.invoices[1]?.factors[0]).toMatchObject({ code: "already_overdue", contribution: null });
});

test("the zod schemas reject a response that breaks the contract", async () => {
  const risk = latePaymentRiskResponse.parse((await post("/v1/risk/late-payment", riskRequest)).body);
  const [invoice, ...rest] = risk.invoices;
  const impossible = { ...risk, invoices: [{ ...invoice, probability_late: 1.5 }, ...rest] };
  expect(latePaymentRiskResponse.safeParse(impossible).error?.issues[0]?.path).toEqual([
    "invoices",
    0,
    "probability_late",
  ]);

  const forecast = stockOutForecastResponse.parse(
    (await post("/v1/forecasts/stock-out", forecastRequest)).body,
  );
  const [first, ...others] = forecast.forecasts;
  const stringly = {
    ...forecast,
    forecasts: [{ ...first, reorder: { ...first?.reorder, quantity: "25" } }, ...others],
  };
  expect(stockOutForecastResponse.safeParse(stringly).error?.issues[0]?.path).toEqual([
    "forecasts",
    0,
    "reorder",
    "quantity",
  ]);
});

const validationError = z.object({
  detail: z.array(z.object({ loc: z.array(z.union([z.string(), z.number()])) })),
});

test("the real service refuses a caller without the token, and names a bad field", async () => {
  expect((await post("/v1/forecasts/stock-out", forecastRequest, null)).status).toBe(401);
  expect((await post("/v1/forecasts/stock-out", forecastRequest, `${service.token}x`)).status).toBe(401);

  const invalid = { products: [{ ...forecastRequest.products[0], lead_time_days: -1 }] };
  const { status, body } = await post("/v1/forecasts/stock-out", invalid);
  expect(status).toBe(422);
  expect(validationError.parse(body).detail.map((error) => error.loc)).toEqual([
    ["body", "products", 0, "lead_time_days"],
  ]);
});

test("the service's logs carry neither the token nor request bodies", async () => {
  await post("/v1/forecasts/stock-out", forecastRequest);
  await new Promise((resolve) => setTimeout(resolve, 200)); // let the access log line arrive
  expect(service.output()).toContain("POST /v1/forecasts/stock-out");
  expect(service.output()).not.toContain(service.token);
  expect(service.output()).not.toContain(productMarker);
});
