import type { RouterInputs, RouterOutputs } from "@tally/api";

/** A customer as the API returns it. */
export type Customer = RouterOutputs["customers"]["get"];

export type CustomerListInput = RouterInputs["customers"]["list"];
