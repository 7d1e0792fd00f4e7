import { randomBytes } from "node:crypto";
import { createTestDatabase, type TestDatabase } from "@tally/db/testing";
import { createCaller } from "../root.ts";
import { createContextInner } from "../trpc.ts";

export type Caller = ReturnType<typeof createCaller>;

/** A migrated private database plus callers acting for organisations created in it. */
export async function createTestApi() {
  const database: TestDatabase = await createTestDatabase();
  const db = database.prisma;

  async function organisation(name: string) {
    const id = `org_${randomBytes(6).toString("hex")}`;
    await db.organization.create({ data: { id, name, slug: id } });
    return { id, caller: createCaller(createContextInner({ db, organizationId: id })) };
  }

  return {
    db,
    kind: database.kind,
    organisation,
    /** Two tenants, for proving that neither sees the other's rows. */
    async twoOrganisations() {
      return { alice: await organisation("Alice Ltd"), bob: await organisation("Bob GmbH") };
    },
    anonymous: () => createCaller(createContextInner({ db })),
    close: () => database.close(),
  };
}

export type TestApi = Awaited<ReturnType<typeof createTestApi>>;
