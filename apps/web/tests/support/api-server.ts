import { startServerBuild } from "./server-build";

export type ApiServer = { url: string; stop(): Promise<void> };

/** apps/server's build beside the web app, on the test's database and a free port. */
export async function startApiServer(env: NodeJS.ProcessEnv): Promise<ApiServer> {
  const server = await startServerBuild(
    "apps/server",
    "dist/index.js",
    { ...env, PORT: "0", TALLY_WORKERS: "false" },
    (output) => /"url":"(http:[^"]+)"/.exec(output)?.[1],
  );
  return { url: server.ready, stop: server.stop };
}
