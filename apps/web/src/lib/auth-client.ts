"use client";

import { createAuthClient } from "better-auth/react";

/**
 * better-auth's own endpoints on this origin: sign up, sign in, sign out.
 * Everything else (organisations, members, sessions) goes through tRPC.
 */
export const authClient = createAuthClient({ basePath: "/api/auth" });
