import { describe, expect, test } from "vitest";
import { type ApiUrlSources, selectApiUrl } from "./api-url.ts";

const phone: ApiUrlSources = {
  configured: undefined,
  platform: "ios",
  pageOrigin: undefined,
  devServerHost: undefined,
};

describe("selecting the API address", () => {
  test("the configured URL wins, for the Next.js app and for the standalone server alike", () => {
    expect(selectApiUrl({ ...phone, configured: "https://tally.example.com/api/trpc/" })).toEqual({
      ok: true,
      endpoints: {
        trpcUrl: "https://tally.example.com/api/trpc",
        authUrl: "https://tally.example.com/api/auth",
      },
    });
    expect(
      selectApiUrl({ ...phone, configured: "http://192.168.1.20:4000/trpc", devServerHost: "10.0.0.9:8081" }),
    ).toEqual({
      ok: true,
      endpoints: { trpcUrl: "http://192.168.1.20:4000/trpc", authUrl: "http://192.168.1.20:4000/api/auth" },
    });
  });

  test("in development on a device, the machine running Metro serves the API on port 4000", () => {
    expect(selectApiUrl({ ...phone, platform: "android", devServerHost: "192.168.1.20:8081" })).toEqual({
      ok: true,
      endpoints: { trpcUrl: "http://192.168.1.20:4000/trpc", authUrl: "http://192.168.1.20:4000/api/auth" },
    });
  });

  test("the web build talks to its own origin, or to a path on it", () => {
    const browser = { ...phone, platform: "web", pageOrigin: "https://m.tally.example" };
    expect(selectApiUrl(browser)).toMatchObject({ endpoints: { trpcUrl: "https://m.tally.example/trpc" } });
    expect(selectApiUrl({ ...browser, configured: "/api/trpc" })).toMatchObject({
      endpoints: { trpcUrl: "https://m.tally.example/api/trpc", authUrl: "https://m.tally.example/api/auth" },
    });
  });

  test("a release build for a phone without an address, or with a bad one, names the variable", () => {
    expect(selectApiUrl(phone)).toMatchObject({
      ok: false,
      problem: expect.stringContaining("EXPO_PUBLIC_TALLY_API_URL"),
    });
    expect(selectApiUrl({ ...phone, configured: "/trpc" })).toMatchObject({
      ok: false,
      problem: expect.stringContaining("only in the web build"),
    });
    expect(selectApiUrl({ ...phone, configured: "ftp://tally.example.com" })).toMatchObject({ ok: false });
  });
});
