import { accountRouter } from "./routers/account/account.router.ts";
import { apiKeysRouter } from "./routers/api-keys/api-keys.router.ts";
import { auditRouter } from "./routers/audit/audit.router.ts";
import { catalogRouter } from "./routers/catalog/catalog.router.ts";
import { customersRouter } from "./routers/customers/customers.router.ts";
import { dashboardRouter } from "./routers/dashboard/dashboard.router.ts";
import { emailsRouter } from "./routers/emails/emails.router.ts";
import { eventsRouter } from "./routers/events/events.router.ts";
import { healthRouter } from "./routers/health/health.router.ts";
import { insightsRouter } from "./routers/insights/insights.router.ts";
import { invoicesRouter } from "./routers/invoices/invoices.router.ts";
import { ordersRouter } from "./routers/orders/orders.router.ts";
import { orgRouter } from "./routers/org/org.router.ts";
import { paymentsRouter } from "./routers/payments/payments.router.ts";
import { reportsRouter } from "./routers/reports/reports.router.ts";
import { webhooksRouter } from "./routers/webhooks/webhooks.router.ts";
import { createCallerFactory, createTRPCRouter } from "./trpc.ts";

export const appRouter = createTRPCRouter({
  health: healthRouter,
  account: accountRouter,
  org: orgRouter,
  audit: auditRouter,
  catalog: catalogRouter,
  customers: customersRouter,
  orders: ordersRouter,
  invoices: invoicesRouter,
  payments: paymentsRouter,
  reports: reportsRouter,
  dashboard: dashboardRouter,
  emails: emailsRouter,
  insights: insightsRouter,
  events: eventsRouter,
  apiKeys: apiKeysRouter,
  webhooks: webhooksRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
