import { authUrlFor } from "@tally/client";

/** Where the API lives, as far as this device can tell. */
export type ApiUrlSources = {
  /** EXPO_PUBLIC_TALLY_API_URL, inlined when the bundle is built. */
  configured: string | undefined;
  platform: string;
  /** The page's origin, in the web build. */
  pageOrigin: string | undefined;
  /** The dev machine as this device reaches it (Metro's host), in development only. */
  devServerHost: string | undefined;
};

export type ApiEndpoints = { trpcUrl: string; authUrl: string };

export type ApiUrlSelection = { ok: true; endpoints: ApiEndpoints } | { ok: false; problem: string };

/** The standalone server's port and path: `pnpm start:server`. */
const DEV_SERVER_PORT = 4000;
const SERVER_TRPC_PATH = "/trpc";

/**
 * In order: the configured URL; in a browser, the page's own origin (the web
 * build served behind the same proxy as the API); in development on a phone or
 * simulator, the machine running Metro, since `localhost` on a device is the
 * device itself. A release build for a phone must be configured.
 */
export function selectApiUrl({
  configured,
  platform,
  pageOrigin,
  devServerHost,
}: ApiUrlSources): ApiUrlSelection {
  const value = configured?.trim();
  if (value) return fromConfigured(value, platform === "web" ? pageOrigin : undefined);
  if (platform === "web" && pageOrigin) return endpointsAt(new URL(SERVER_TRPC_PATH, pageOrigin).href);
  if (devServerHost)
    return endpointsAt(`http://${hostnameOf(devServerHost)}:${DEV_SERVER_PORT}${SERVER_TRPC_PATH}`);
  return {
    ok: false,
    problem:
      "EXPO_PUBLIC_TALLY_API_URL is not set: build the app with the API's tRPC address, e.g. https://api.example.com/trpc",
  };
}

function fromConfigured(value: string, pageOrigin: string | undefined): ApiUrlSelection {
  let url: URL;
  try {
    url = new URL(value, pageOrigin);
  } catch {
    const hint = value.startsWith("/") ? " (a path works only in the web build)" : "";
    return { ok: false, problem: `EXPO_PUBLIC_TALLY_API_URL is not a URL${hint}: ${value}` };
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    return { ok: false, problem: `EXPO_PUBLIC_TALLY_API_URL must be http or https: ${value}` };
  }
  return endpointsAt(url.href.replace(/\/+$/, ""));
}

function endpointsAt(trpcUrl: string): ApiUrlSelection {
  return { ok: true, endpoints: { trpcUrl, authUrl: authUrlFor(trpcUrl) } };
}

/** Metro reports `host:port` (or `[v6]:port`); only the host is wanted. */
function hostnameOf(hostWithPort: string): string {
  return hostWithPort.replace(/:\d+$/, "");
}
