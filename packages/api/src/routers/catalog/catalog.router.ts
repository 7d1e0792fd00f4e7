import {
  createProductInput,
  listProductsInput,
  productByIdInput,
  updateProductInput,
} from "@tally/validators";
import type { TRPCRouterRecord } from "@trpc/server";
import { rest } from "../../rest-route.ts";
import { orgProcedure, roleProcedure } from "../../trpc.ts";
import { productOutput, productPageOutput } from "./products.output.ts";
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
    .meta({ scopes: ["catalog:read"], openapi: rest("GET", "/products", "List products", "Catalog") })
    .input(productPages.input(listProductsInput).prefault({}))
    .output(productPageOutput)
    .query(({ ctx, input }) => listProducts(ctx, input)),
  get: orgProcedure
    .meta({ scopes: ["catalog:read"], openapi: rest("GET", "/products/{id}", "Get a product", "Catalog") })
    .input(productByIdInput)
    .output(productOutput)
    .query(({ ctx, input }) => getProduct(ctx, input.id)),
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
