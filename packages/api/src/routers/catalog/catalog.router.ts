import {
  createProductInput,
  listProductsInput,
  productByIdInput,
  updateProductInput,
} from "@tally/validators";
import type { TRPCRouterRecord } from "@trpc/server";
import { orgProcedure } from "../../trpc.ts";
import { productCursor } from "./products.cursor.ts";
import {
  createProduct,
  getProduct,
  listProducts,
  setProductArchived,
  updateProduct,
} from "./products.service.ts";

const productsRouter = {
  list: orgProcedure
    .meta({ access: "member" })
    .input(listProductsInput.extend({ cursor: productCursor.optional() }).prefault({}))
    .query(({ ctx, input }) => listProducts(ctx, input)),
  get: orgProcedure
    .meta({ access: "member" })
    .input(productByIdInput)
    .query(({ ctx, input }) => getProduct(ctx, input.id)),
  create: orgProcedure
    .meta({ access: "admin" })
    .input(createProductInput)
    .mutation(({ ctx, input }) => createProduct(ctx, input)),
  update: orgProcedure
    .meta({ access: "admin" })
    .input(updateProductInput)
    .mutation(({ ctx, input }) => updateProduct(ctx, input)),
  archive: orgProcedure
    .meta({ access: "admin" })
    .input(productByIdInput)
    .mutation(({ ctx, input }) => setProductArchived(ctx, input.id, true)),
  restore: orgProcedure
    .meta({ access: "admin" })
    .input(productByIdInput)
    .mutation(({ ctx, input }) => setProductArchived(ctx, input.id, false)),
} satisfies TRPCRouterRecord;

export const catalogRouter = { products: productsRouter } satisfies TRPCRouterRecord;
