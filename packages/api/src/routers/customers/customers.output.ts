import { z } from "zod";
import { cursorPage, timestamp } from "../../output.ts";

export const customerOutput = z
  .strictObject({
    id: z.string(),
    name: z.string(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    address: z.string(),
    version: z.number().int(),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .meta({ id: "Customer" });

export const customerPageOutput = cursorPage(customerOutput).meta({ id: "CustomerPage" });
