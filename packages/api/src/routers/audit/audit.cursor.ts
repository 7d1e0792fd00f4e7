import type { Prisma } from "@tally/db";
import { keysetCursor } from "../../pagination.ts";

/** Newest first, ties broken by id. */
export type AuditKey = { createdAt: Date; id: string };

export const auditCursor = keysetCursor<AuditKey>({
  toParts: ({ createdAt, id }) => [createdAt.toISOString(), id],
  fromParts: ([time, id, ...rest]) => {
    const createdAt = new Date(time ?? "");
    return id !== undefined && rest.length === 0 && !Number.isNaN(createdAt.getTime())
      ? { createdAt, id }
      : null;
  },
});

export function auditEventsBefore({ createdAt, id }: AuditKey): Prisma.AuditEventWhereInput {
  return { OR: [{ createdAt: { lt: createdAt } }, { createdAt, id: { lt: id } }] };
}
