import { z } from "zod";

export const pingInput = z.object({ echo: z.string().max(100).optional() }).default({});
