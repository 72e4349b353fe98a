import { lookup as dnsLookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

/**
 * Where a webhook may not go: this machine, private and link-local networks, carrier-grade
 * NAT, cloud metadata (169.254.169.254 is inside 169.254/16), multicast and reserved space.
 * The IPv6 translation prefixes (NAT64, 6to4, Teredo) are refused whole, since each can
 * carry a private IPv4 address; an IPv4-mapped address (::ffff:a.b.c.d) is checked as the
 * IPv4 address it maps (BlockList does that).
 */
const FORBIDDEN = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  FORBIDDEN.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 96], // unspecified, loopback (::1) and the deprecated IPv4-compatible addresses
  ['64:ff9b::', 96],
  ['100::', 64],
  ['2001::', 32],
  ['2002::', 16],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  FORBIDDEN.addSubnet(network, prefix, 'ipv6');
}

/** True when an IP address is one a webhook may not reach; anything that is not an IP address counts as forbidden. */
export function isForbiddenAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const family = isIP(bare);
  if (family === 0) return true;
  return FORBIDDEN.check(bare, family === 4 ? 'ipv4' : 'ipv6');
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
