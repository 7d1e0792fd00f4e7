import { expect, test } from "vitest";
import { webSocketUrlFor } from "./live-socket.ts";

test("the socket goes to the server's tRPC path, secure when the API is", () => {
  expect(webSocketUrlFor("http://192.168.1.20:4000/trpc")).toBe("ws://192.168.1.20:4000/trpc");
  expect(webSocketUrlFor("https://api.tally.example/trpc/")).toBe("wss://api.tally.example/trpc");
});
