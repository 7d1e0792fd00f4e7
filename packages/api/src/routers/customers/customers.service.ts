import type { Prisma } from "@tally/db";
import type {
  CreateCustomerInput,
  CursorPage,
  ListCustomersInput,
  UpdateCustomerInput,
} from "@tally/validators";
import { TRPCError } from "@trpc/server";
import { notFound } from "../../errors.ts";
import { alphabetical, type PageQuery } from "../../pagination.ts";
import type { OrgContext } from "../../trpc.ts";
import { type CustomerView, customerSelect } from "./customers.select.ts";

/** Customers page alphabetically, ties broken by id. */
export const customerPages = alphabetical();
export type ListCustomersQuery = PageQuery<typeof customerPages, ListCustomersInput>;

export async function listCustomers(
  ctx: OrgContext,
  input: ListCustomersQuery,
): Promise<CursorPage<CustomerView>> {
  const filters: Prisma.CustomerWhereInput[] = [{ organizationId: ctx.org.id }];
  if (input.search) {
    filters.push({
      OR: [
        { name: { contains: input.search, mode: "insensitive" } },
        { email: { contains: input.search, mode: "insensitive" } },
      ],
    });
  }
  return customerPages.fetchPage(input, ({ after, orderBy, take }) =>
    ctx.db.customer.findMany({ where: { AND: [...filters, after] }, orderBy, take, select: customerSelect }),
  );
}

export async function getCustomer(ctx: OrgContext, id: string): Promise<CustomerView> {
  const customer = await ctx.db.customer.findFirst({
    where: { id, organizationId: ctx.org.id },
    select: customerSelect,
  });
  if (!customer) throw notFound("Customer", id);
  return customer;
}

export function createCustomer(ctx: OrgContext, input: CreateCustomerInput): Promise<CustomerView> {
  return ctx.db.customer.create({ data: { ...input, organizationId: ctx.org.id }, select: customerSelect });
}

/** Compare-and-set on `version`, as for products: a stale form cannot overwrite newer data. */
export async function updateCustomer(
  ctx: OrgContext,
  { id, version, patch }: UpdateCustomerInput,
): Promise<CustomerView> {
  const scope = { id, organizationId: ctx.org.id };
  const { count } = await ctx.db.customer.updateMany({
    where: { ...scope, version },
    data: { ...patch, version: { increment: 1 } },
  });
  if (count === 0) {
    const current = await ctx.db.customer.findFirst({ where: scope, select: { version: true } });
    if (!current) throw notFound("Customer", id);
    throw new TRPCError({
      code: "CONFLICT",
      message: `Customer ${id} was changed by someone else (you edited version ${version}, the current one is ${current.version}); reload and try again`,
    });
  }
  return getCustomer(ctx, id);
}
