import { expect, test } from "vitest";
import { addressAllowed, destinationProblem, isPrivateAddress } from "./webhook-destination.ts";

const none = { allowedHosts: [] };

test("public http(s) URLs are accepted", () => {
  expect(destinationProblem("https://partner.example.com/hooks", none)).toBeNull();
  expect(destinationProblem("http://203.0.113.7:8080/in", none)).toBeNull();
});

test.each([
  ["http://127.0.0.1:9000/", "private or loopback"],
  ["http://10.1.2.3/", "private or loopback"],
  ["http://169.254.169.254/latest/meta-data", "private or loopback"],
  ["http://[::1]:8080/", "private or loopback"],
  ["http://[fd00::1]/", "private or loopback"],
  ["http://[::ffff:192.168.1.1]/", "private or loopback"],
  ["http://localhost:3000/", "own hosts"],
  ["http://db.internal/", "own hosts"],
  ["ftp://partner.example.com/", "http:// or https://"],
  ["https://user:pw@partner.example.com/", "credentials"],
  ["not a url", "full URL"],
])("%s is refused", (url, reason) => {
  expect(destinationProblem(url, none)).toContain(reason);
});

test("configuration can allow a private host (tests deliver to 127.0.0.1)", () => {
  expect(destinationProblem("http://127.0.0.1:9000/", { allowedHosts: ["127.0.0.1"] })).toBeNull();
  expect(addressAllowed("127.0.0.1", "127.0.0.1", { allowedHosts: ["127.0.0.1"] })).toBe(true);
  expect(addressAllowed("10.0.0.5", "partner.example.com", none)).toBe(false);
  expect(addressAllowed("93.184.216.34", "partner.example.com", none)).toBe(true);
});

test("a name that resolves to a private address is caught at delivery time", () => {
  expect(isPrivateAddress("192.168.0.10")).toBe(true);
  expect(isPrivateAddress("8.8.8.8")).toBe(false);
  expect(isPrivateAddress("2606:4700::1111")).toBe(false);
});
