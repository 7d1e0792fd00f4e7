import type { RouterInputs, RouterOutputs } from "@tally/api";

/** A product as the API returns it. */
export type Product = RouterOutputs["catalog"]["products"]["get"];

export type ProductListInput = RouterInputs["catalog"]["products"]["list"];
