import { BlockList, isIP } from "node:net";

/**
 * Addresses a webhook must never reach unless configuration allows them:
 * loopback, private networks, link-local (cloud metadata lives there),
 * carrier-grade NAT, "this network" and IPv6's unique-local range. Delivering
 * to them would let a partner probe or call services inside Tally's network.
 */
const PRIVATE = new BlockList();
for (const [network, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.168.0.0", 16],
] as const)
  PRIVATE.addSubnet(network, prefix, "ipv4");
for (const [network, prefix] of [
  ["::", 128],
  ["::1", 128],
  ["fc00::", 7],
  ["fe80::", 10],
] as const)
  PRIVATE.addSubnet(network, prefix, "ipv6");

export type DestinationPolicy = {
  /** Hosts or addresses delivered to even though they are private (tests allow 127.0.0.1). */
  allowedHosts: readonly string[];
};

/** Whether an address is one only Tally's own network should reach (IPv4-mapped IPv6 included). */
export function isPrivateAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped) return isPrivateAddress(mapped);
  const family = isIP(address);
  if (family === 0) return true;
  return PRIVATE.check(address, family === 4 ? "ipv4" : "ipv6");
}

/**
 * Why a URL may not receive deliveries, or null when it may. Only what the
 * URL itself says is judged here (at registration); the host checks the
 * addresses its name resolves to again at every delivery.
 */
export function destinationProblem(url: string, { allowedHosts }: DestinationPolicy): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return "Enter a full URL, such as https://example.com/tally-webhooks";
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") return "Use an http:// or https:// URL";
  if (parsed.username || parsed.password) return "Leave credentials out of the URL: deliveries are signed";
  const host = parsed.hostname.replace(/^\[|\]$/g, "").toLowerCase();
  if (allowedHosts.includes(host)) return null;
  if (
    host === "localhost" ||
    host.endsWith(".localhost") ||
    host.endsWith(".internal") ||
    host.endsWith(".local")
  )
    return "Deliveries to this network's own hosts are not allowed";
  if (isIP(host) && isPrivateAddress(host))
    return "Deliveries to private or loopback addresses are not allowed";
  return null;
}

/** The same rule for an address a name resolved to at delivery time. */
export function addressAllowed(address: string, host: string, { allowedHosts }: DestinationPolicy): boolean {
  return allowedHosts.includes(host) || allowedHosts.includes(address) || !isPrivateAddress(address);
}
