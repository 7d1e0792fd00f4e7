import {
  createProductInput,
  listProductsInput,
  productByIdInput,
  updateProductInput,
} from "@tally/validators";
import type { TRPCRouterRecord } from "@trpc/server";
import { orgProcedure, roleProcedure } from "../../trpc.ts";
import {
  createProduct,
  getProduct,
  listProducts,
  productPages,
  setProductArchived,
  updateProduct,
} from "./products.service.ts";

const productsRouter = {
  list: orgProcedure
    .input(productPages.input(listProductsInput).prefault({}))
    .query(({ ctx, input }) => listProducts(ctx, input)),
  get: orgProcedure.input(productByIdInput).query(({ ctx, input }) => getProduct(ctx, input.id)),
  create: roleProcedure("admin")
    .input(createProductInput)
    .mutation(({ ctx, input }) => createProduct(ctx, input)),
  update: roleProcedure("admin")
    .input(updateProductInput)
    .mutation(({ ctx, input }) => updateProduct(ctx, input)),
  archive: roleProcedure("admin")
    .input(productByIdInput)
    .mutation(({ ctx, input }) => setProductArchived(ctx, input.id, true)),
  restore: roleProcedure("admin")
    .input(productByIdInput)
    .mutation(({ ctx, input }) => setProductArchived(ctx, input.id, false)),
} satisfies TRPCRouterRecord;

export const catalogRouter = { products: productsRouter } satisfies TRPCRouterRecord;
