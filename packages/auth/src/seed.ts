import type { PrismaClient } from "@tally/db";
import { DEMO_PASSWORD, demoUsers, seedDemo } from "@tally/db/seed";
import type { Auth } from "./auth.ts";

/** The demo organisation with users who can sign in (their passwords hashed by the auth library). */
export async function seedDemoWithUsers(prisma: PrismaClient, auth: Auth) {
  for (const { name, email } of demoUsers) {
    const exists = await prisma.user.findUnique({ where: { email }, select: { id: true } });
    if (!exists) await auth.api.signUpEmail({ body: { name, email, password: DEMO_PASSWORD } });
  }
  return seedDemo(prisma);
}
