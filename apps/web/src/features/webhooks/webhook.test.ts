import { eventKind } from "@tally/validators";
import { describe, expect, test } from "vitest";
import { EVENT_KIND_LABELS, endpointState, lastAnswer, loadRefusal, retryUnlessRefused } from "./webhook";

describe("an endpoint in the list", () => {
  test("enabled, or disabled with the reason the server recorded", () => {
    expect(endpointState({ disabledAt: null, disabledReason: null })).toEqual({
      enabled: true,
      label: "Enabled",
    });
    expect(
      endpointState({ disabledAt: new Date(), disabledReason: "20 failed delivery attempts in a row" }),
    ).toEqual({ enabled: false, label: "Disabled: 20 failed delivery attempts in a row" });
    expect(endpointState({ disabledAt: new Date(), disabledReason: null }).label).toBe(
      "Disabled: no reason recorded",
    );
  });

  test("every event kind the validators allow has words to choose it by", () => {
    expect(Object.keys(EVENT_KIND_LABELS).sort()).toEqual([...eventKind.options].sort());
  });
});

describe("a delivery's last answer", () => {
  test("nothing before the first try; then the status, the error, or both", () => {
    expect(lastAnswer({ attempts: 0, lastStatusCode: null, lastError: null })).toBe("not tried yet");
    expect(lastAnswer({ attempts: 1, lastStatusCode: 204, lastError: null })).toBe("204");
    expect(lastAnswer({ attempts: 2, lastStatusCode: 500, lastError: "Receiver answered 500" })).toBe(
      "500: Receiver answered 500",
    );
    expect(lastAnswer({ attempts: 3, lastStatusCode: null, lastError: "connect ECONNREFUSED" })).toBe(
      "connect ECONNREFUSED",
    );
  });
});

describe("a refused load", () => {
  test("a refusal is not asked again; anything else up to three times", () => {
    expect(retryUnlessRefused(0, { data: { code: "FORBIDDEN" } })).toBe(false);
    expect(retryUnlessRefused(0, { data: { code: "NOT_FOUND" } })).toBe(false);
    expect(retryUnlessRefused(2, { data: { code: "INTERNAL_SERVER_ERROR" } })).toBe(true);
    expect(retryUnlessRefused(3, { data: null })).toBe(false);
  });

  test("FORBIDDEN says who may, then what the server said", () => {
    expect(loadRefusal({ message: "Only an admin can do this", data: { code: "FORBIDDEN" } })).toBe(
      "Only admins and owners manage this organisation's webhooks (Only an admin can do this).",
    );
    expect(loadRefusal({ message: "Database unavailable", data: { code: "SERVICE_UNAVAILABLE" } })).toBe(
      "Database unavailable",
    );
  });
});
