import type { TallyClient } from "@tally/client";
import { createTranscript } from "../transcript.ts";

/** Who am I, which organisations, who is in mine, and what may I not do. */
export async function identityScenario(client: TallyClient, prefix: string) {
  const t = createTranscript(prefix);
  await t.step("me", () => client.account.me.query());
  await t.step("my organisations", () => client.org.listMine.query());
  await t.step("settings", () => client.org.settings.get.query());
  await t.step("members", () => client.org.members.list.query());
  await t.step("switch to a stranger's organisation", () =>
    client.org.setActive.mutate({ organizationId: "org_not_mine" }),
  );
  await t.step("health", () => client.health.ping.query({ echo: prefix }));
  return t.done();
}
