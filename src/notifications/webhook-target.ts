import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

/**
 * IPv6 ranges that carry an IPv4 address in their last 32 bits: IPv4-mapped (::ffff:a.b.c.d),
 * IPv4-translated (::ffff:0:a.b.c.d, RFC 6145) and NAT64 (64:ff9b::/96 and the local-use
 * 64:ff9b:1::/48, RFC 6052 and 8215). Such an address is classified as the IPv4 address it
 * carries: through a NAT64 gateway, 64:ff9b::a00:1 reaches 10.0.0.1.
 */
const CARRIES_IPV4 = new Set(['ipv4Mapped', 'rfc6145', 'rfc6052']);
// ::a.b.c.d, the deprecated IPv4-compatible form (ipaddr.js calls it unicast).
const IPV4_COMPATIBLE = ipaddr.parseCIDR('::/96');

/**
 * The class of an IP address as ipaddr.js names its ranges (`unicast`, `private`, `loopback`,
 * `linkLocal`, `reserved` — 192.0.2.0/24, 198.18.0.0/15, 198.51.100.0/24, 203.0.113.0/24 among
 * them —, `carrierGradeNat`, `multicast`, `6to4`, `teredo`, …), after unwrapping the IPv4
 * address an IPv6 one carries; `invalid` for what is not an IP address.
 */
export function addressClass(address: string): string {
  const bare = address.replace(/^\[|\]$/g, '');
  if (bare.includes('%') || !ipaddr.isValid(bare) || isIP(bare) === 0) return 'invalid';
  const parsed = ipaddr.parse(bare);
  if (parsed.kind() === 'ipv4') return parsed.range();
  const ipv6 = parsed as ipaddr.IPv6;
  if (CARRIES_IPV4.has(ipv6.range())) {
    const bytes = ipv6.toByteArray().slice(12);
    return ipaddr.fromByteArray(bytes).range();
  }
  if (ipv6.match(IPV4_COMPATIBLE)) return 'ipv4Compatible';
  return ipv6.range();
}

/**
 * True unless the address is public unicast (docs/SECURITY.md, F4): this machine, private and
 * link-local networks, carrier-grade NAT, cloud metadata (169.254.169.254), documentation and
 * benchmarking ranges, multicast, reserved space and the IPv6 tunnels (6to4, Teredo) are all
 * refused; anything that is not an IP address counts as forbidden.
 */
export function isForbiddenAddress(address: string): boolean {
  return addressClass(address) !== 'unicast';
}

/** A target that will never be delivered to: recorded as failed at once, not retried. */
export class WebhookTargetRefused extends Error {}

export interface ResolvedAddress {
  address: string;
  family: number;
}

export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

const systemResolver: Resolver = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

export interface WebhookTarget {
  url: URL;
  /** The address the request connects to: the one that was checked, so DNS cannot change it in between. */
  address: ResolvedAddress;
}

/**
 * Checks a webhook URL and resolves its host. Every address the host resolves to must be
 * allowed (a name with one private address among public ones is refused), unless private
 * targets are allowed (development, tests). A name that does not resolve throws a plain
 * Error, which is worth retrying.
 */
export async function resolveWebhookTarget(
  target: string,
  allowPrivate: boolean,
  resolve: Resolver = systemResolver,
): Promise<WebhookTarget> {
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    throw new WebhookTargetRefused('target is not a URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new WebhookTargetRefused(`target scheme ${url.protocol} is not http or https`);
  }
  const hostname = url.hostname.replace(/^\[|\]$/g, '');
  const addresses = isIP(hostname)
    ? [{ address: hostname, family: isIP(hostname) }]
    : await resolve(hostname);
  if (addresses.length === 0) throw new Error(`${hostname} resolves to no address`);
  if (!allowPrivate) {
    const forbidden = addresses.find((a) => isForbiddenAddress(a.address));
    if (forbidden)
      throw new WebhookTargetRefused(
        `target ${hostname} resolves to a private or reserved address (${forbidden.address})`,
      );
  }
  return { url, address: addresses[0] };
}

/**
 * The check when a webhook URL is registered (the delivery checks again, at connection time):
 * why it is refused, or null. A host that does not resolve (yet) is let through here; each
 * delivery resolves it again and refuses what it then finds.
 */
export async function webhookUrlRefusal(
  target: string,
  allowPrivate: boolean,
  resolve: Resolver = systemResolver,
): Promise<string | null> {
  try {
    await resolveWebhookTarget(target, allowPrivate, resolve);
    return null;
  } catch (error) {
    return error instanceof WebhookTargetRefused ? error.message : null;
  }
}
