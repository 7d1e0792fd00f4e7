import type { Prisma } from "@tally/db";
import {
  type CreateProductInput,
  type CursorPage,
  type ListProductsInput,
  LOW_STOCK_THRESHOLD,
  type UpdateProductInput,
} from "@tally/validators";
import { TRPCError } from "@trpc/server";
import { isUniqueViolation, notFound } from "../../errors.ts";
import { recordEvent } from "../../events/events.record.ts";
import { alphabetical, type PageQuery } from "../../pagination.ts";
import { type Db, inTransaction } from "../../transaction.ts";
import type { OrgContext } from "../../trpc.ts";
import { type ProductView, productSelect } from "./products.select.ts";

export const productPages = alphabetical();
export type ListProductsQuery = PageQuery<typeof productPages, ListProductsInput>;

/** Alphabetical pages; search matches name or SKU, case-insensitively; `lowStock` keeps those running low. */
export async function listProducts(
  ctx: OrgContext,
  input: ListProductsQuery,
): Promise<CursorPage<ProductView>> {
  const filters: Prisma.ProductWhereInput[] = [{ organizationId: ctx.org.id }];
  if (!input.includeArchived) filters.push({ archivedAt: null });
  if (input.lowStock) filters.push({ stock: { lte: LOW_STOCK_THRESHOLD } });
  if (input.search) {
    filters.push({
      OR: [
        { name: { contains: input.search, mode: "insensitive" } },
        { sku: { contains: input.search, mode: "insensitive" } },
      ],
    });
  }
  return productPages.fetchPage(input, ({ after, orderBy, take }) =>
    ctx.db.product.findMany({ where: { AND: [...filters, after] }, orderBy, take, select: productSelect }),
  );
}

export async function getProduct(ctx: OrgContext, id: string, db: Db = ctx.db): Promise<ProductView> {
  const product = await db.product.findFirst({
    where: { id, organizationId: ctx.org.id },
    select: productSelect,
  });
  if (!product) throw notFound("Product", id);
  return product;
}

export async function createProduct(ctx: OrgContext, input: CreateProductInput): Promise<ProductView> {
  try {
    return await ctx.db.product.create({
      data: { ...input, organizationId: ctx.org.id },
      select: productSelect,
    });
  } catch (error) {
    throw isUniqueViolation(error) ? skuTaken(input.sku) : error;
  }
}

/**
 * Compare-and-set on `version`: the update applies only if nobody changed the
 * product since the caller read it, so a stale form cannot overwrite newer data.
 * A stock count set by hand is a `stock.changed` event, committed with it.
 */
export function updateProduct(
  ctx: OrgContext,
  { id, version, patch }: UpdateProductInput,
): Promise<ProductView> {
  return inTransaction(ctx, async (tx) => {
    const scope = { id, organizationId: ctx.org.id };
    let updated: number;
    try {
      ({ count: updated } = await tx.product.updateMany({
        where: { ...scope, version },
        data: { ...patch, version: { increment: 1 } },
      }));
    } catch (error) {
      throw isUniqueViolation(error) && patch.sku ? skuTaken(patch.sku) : error;
    }
    if (updated === 0) {
      const current = await tx.product.findFirst({ where: scope, select: { version: true } });
      if (!current) throw notFound("Product", id);
      throw new TRPCError({
        code: "CONFLICT",
        message: `Product ${id} was changed by someone else (you edited version ${version}, the current one is ${current.version}); reload and try again`,
      });
    }
    if (patch.stock !== undefined)
      await recordEvent(tx, {
        organizationId: ctx.org.id,
        kind: "stock.changed",
        recordId: id,
        data: { reason: "product.updated", stock: patch.stock },
      });
    return getProduct(ctx, id, tx);
  });
}

/**
 * Archived products leave the default list and cannot be ordered; their history
 * stays. Archiving an archived product is not an error: it is already so.
 */
export async function setProductArchived(
  ctx: OrgContext,
  id: string,
  archived: boolean,
): Promise<ProductView> {
  await ctx.db.product.updateMany({
    where: { id, organizationId: ctx.org.id, archivedAt: archived ? null : { not: null } },
    data: { archivedAt: archived ? new Date() : null, version: { increment: 1 } },
  });
  return getProduct(ctx, id);
}

function skuTaken(sku: string) {
  return new TRPCError({ code: "CONFLICT", message: `SKU ${sku} is already used by another product` });
}
