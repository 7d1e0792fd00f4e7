/**
 * The same plain handler behind a dynamic segment, as tRPC's route
 * (`/api/trpc/[trpc]`) is: the bench tells Next.js's cost of matching a
 * dynamic route apart from tRPC's own (issue 19).
 */
export { GET } from "../route";
