import {
  createCustomerInput,
  customerByIdInput,
  listCustomersInput,
  updateCustomerInput,
} from "@tally/validators";
import type { TRPCRouterRecord } from "@trpc/server";
import { orgProcedure } from "../../trpc.ts";
import {
  createCustomer,
  customerPages,
  getCustomer,
  listCustomers,
  updateCustomer,
} from "./customers.service.ts";

export const customersRouter = {
  list: orgProcedure
    .input(customerPages.input(listCustomersInput).prefault({}))
    .query(({ ctx, input }) => listCustomers(ctx, input)),
  get: orgProcedure.input(customerByIdInput).query(({ ctx, input }) => getCustomer(ctx, input.id)),
  create: orgProcedure.input(createCustomerInput).mutation(({ ctx, input }) => createCustomer(ctx, input)),
  update: orgProcedure.input(updateCustomerInput).mutation(({ ctx, input }) => updateCustomer(ctx, input)),
} satisfies TRPCRouterRecord;
