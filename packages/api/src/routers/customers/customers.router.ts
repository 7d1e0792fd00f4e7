import {
  createCustomerInput,
  customerByIdInput,
  listCustomersInput,
  updateCustomerInput,
} from "@tally/validators";
import type { TRPCRouterRecord } from "@trpc/server";
import { rest } from "../../rest-route.ts";
import { orgProcedure } from "../../trpc.ts";
import { customerOutput, customerPageOutput } from "./customers.output.ts";
import {
  createCustomer,
  customerPages,
  getCustomer,
  listCustomers,
  updateCustomer,
} from "./customers.service.ts";

export const customersRouter = {
  list: orgProcedure
    .meta({ scopes: ["customers:read"], openapi: rest("GET", "/customers", "List customers", "Customers") })
    .input(customerPages.input(listCustomersInput).prefault({}))
    .output(customerPageOutput)
    .query(({ ctx, input }) => listCustomers(ctx, input)),
  get: orgProcedure
    .meta({
      scopes: ["customers:read"],
      openapi: rest("GET", "/customers/{id}", "Get a customer", "Customers"),
    })
    .input(customerByIdInput)
    .output(customerOutput)
    .query(({ ctx, input }) => getCustomer(ctx, input.id)),
  create: orgProcedure
    .meta({
      scopes: ["customers:write"],
      openapi: rest("POST", "/customers", "Create a customer", "Customers"),
    })
    .input(createCustomerInput)
    .output(customerOutput)
    .mutation(({ ctx, input }) => createCustomer(ctx, input)),
  update: orgProcedure
    .meta({ scopes: ["customers:write"] })
    .input(updateCustomerInput)
    .mutation(({ ctx, input }) => updateCustomer(ctx, input)),
} satisfies TRPCRouterRecord;
