// The address guard of outgoing requests: tells public addresses from loopback, private, link-local and
// other special ranges, and refuses a host when any address it resolves to is not public.
// Must never open a connection or resolve a name by itself beyond the resolver it is given; it only judges.
import { lookup } from 'node:dns/promises';
import { isIP, isIPv4, isIPv6 } from 'node:net';
import { AtlasError } from '../../domain/errors.js';

/** Why an address is (or is not) reachable by the harvester. Everything but `public` is refused by default. */
export type AddressKind =
  | 'public'
  | 'loopback'
  | 'private'
  | 'link-local'
  | 'unspecified'
  | 'carrier-grade-nat'
  | 'multicast'
  | 'broadcast'
  | 'reserved'
  | 'invalid';

export type Resolver = (hostname: string) => Promise<string[]>;

interface Range4 {
  readonly base: number;
  readonly bits: number;
  readonly kind: Exclude<AddressKind, 'public' | 'invalid'>;
}

// Ordered from the most specific meaning to the broadest; the first match names the kind in messages.
const IPV4_RANGES: readonly Range4[] = [
  { base: v4('255.255.255.255'), bits: 32, kind: 'broadcast' },
  { base: v4('0.0.0.0'), bits: 32, kind: 'unspecified' },
  { base: v4('0.0.0.0'), bits: 8, kind: 'reserved' }, // "this network"
  { base: v4('127.0.0.0'), bits: 8, kind: 'loopback' },
  { base: v4('10.0.0.0'), bits: 8, kind: 'private' },
  { base: v4('172.16.0.0'), bits: 12, kind: 'private' },
  { base: v4('192.168.0.0'), bits: 16, kind: 'private' },
  { base: v4('169.254.0.0'), bits: 16, kind: 'link-local' },
  { base: v4('100.64.0.0'), bits: 10, kind: 'carrier-grade-nat' },
  { base: v4('192.0.0.0'), bits: 24, kind: 'reserved' }, // IETF protocol assignments
  { base: v4('192.0.2.0'), bits: 24, kind: 'reserved' }, // documentation
  { base: v4('198.51.100.0'), bits: 24, kind: 'reserved' }, // documentation
  { base: v4('203.0.113.0'), bits: 24, kind: 'reserved' }, // documentation
  { base: v4('198.18.0.0'), bits: 15, kind: 'reserved' }, // benchmarking, often routed internally
  { base: v4('224.0.0.0'), bits: 4, kind: 'multicast' },
  { base: v4('240.0.0.0'), bits: 4, kind: 'reserved' },
];

function v4(text: string): number {
  const parts = text.split('.').map(Number);
  return (((parts[0] ?? 0) << 24) | ((parts[1] ?? 0) << 16) | ((parts[2] ?? 0) << 8) | (parts[3] ?? 0)) >>> 0;
}

function inRange4(value: number, range: Range4): boolean {
  const mask = range.bits === 0 ? 0 : (0xffffffff << (32 - range.bits)) >>> 0;
  return (value & mask) >>> 0 === (range.base & mask) >>> 0;
}

function classifyIPv4Number(value: number): AddressKind {
  for (const range of IPV4_RANGES) if (inRange4(value, range)) return range.kind;
  return 'public';
}

/** Expands an IPv6 literal (already validated by `net.isIPv6`) into its eight 16-bit groups. */
function ipv6Groups(text: string): number[] | undefined {
  let rest = text;
  const tail: number[] = [];
  // A trailing dotted quad (::ffff:1.2.3.4) stands for the last two groups.
  const lastColon = rest.lastIndexOf(':');
  const maybeV4 = rest.slice(lastColon + 1);
  if (isIPv4(maybeV4)) {
    const n = v4(maybeV4);
    tail.push(n >>> 16, n & 0xffff);
    rest = rest.slice(0, lastColon + 1);
    if (rest.endsWith(':') && !rest.endsWith('::')) rest = rest.slice(0, -1);
  }
  const halves = rest.split('::');
  if (halves.length > 2) return undefined;
  const parse = (part: string | undefined): number[] =>
    part === undefined || part === '' ? [] : part.split(':').map((g) => parseInt(g, 16));
  const head = parse(halves[0]);
  const back = [...parse(halves[1]), ...tail];
  const missing = 8 - head.length - back.length;
  if (halves.length === 1 && missing !== 0) return undefined;
  if (missing < 0) return undefined;
  const groups = [...head, ...new Array<number>(missing).fill(0), ...back];
  return groups.length === 8 && groups.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff)
    ? groups
    : undefined;
}

function classifyIPv6(groups: readonly number[]): AddressKind {
  const g = (i: number): number => groups[i] ?? 0;
  const embedded = (hi: number, lo: number): number => ((g(hi) << 16) | g(lo)) >>> 0;
  const zeroUpTo = (n: number): boolean => groups.slice(0, n).every((x) => x === 0);

  if (zeroUpTo(8)) return 'unspecified';
  if (zeroUpTo(7) && g(7) === 1) return 'loopback';
  // IPv4-mapped (::ffff:a.b.c.d) and the deprecated IPv4-compatible form (::a.b.c.d) reach the IPv4 host.
  if (zeroUpTo(5) && g(5) === 0xffff) return classifyIPv4Number(embedded(6, 7));
  if (zeroUpTo(6)) return classifyIPv4Number(embedded(6, 7));
  // NAT64 (64:ff9b::/96) translates to the embedded IPv4 address.
  if (g(0) === 0x64 && g(1) === 0xff9b && groups.slice(2, 6).every((x) => x === 0)) {
    return classifyIPv4Number(embedded(6, 7));
  }
  // 6to4 (2002::/16) carries an IPv4 address in groups 1-2.
  if (g(0) === 0x2002) return classifyIPv4Number(embedded(1, 2));
  if ((g(0) & 0xff00) === 0xff00) return 'multicast';
  if ((g(0) & 0xffc0) === 0xfe80) return 'link-local';
  if ((g(0) & 0xffc0) === 0xfec0) return 'private'; // deprecated site-local
  if ((g(0) & 0xfe00) === 0xfc00) return 'private'; // unique local fc00::/7
  if (g(0) === 0x2001 && g(1) === 0x0db8) return 'reserved'; // documentation
  if (g(0) === 0x2001 && g(1) === 0x0000) return 'reserved'; // Teredo: the real peer is hidden
  // Outside global unicast 2000::/3 (this includes the discard prefix 100::/64): nothing public lives there.
  if ((g(0) & 0xe000) !== 0x2000) return 'reserved';
  return 'public';
}

/** Removes URL brackets and an IPv6 zone (`fe80::1%eth0`), which name the same address for our purpose. */
export function bareAddress(text: string): string {
  let out = text.trim();
  if (out.startsWith('[') && out.endsWith(']')) out = out.slice(1, -1);
  const zone = out.indexOf('%');
  if (zone >= 0) out = out.slice(0, zone);
  return out;
}

/** Says what kind of network an IP literal belongs to. Non-literals are `invalid` (and so refused). */
export function classifyAddress(address: string): AddressKind {
  const bare = bareAddress(address);
  if (isIPv4(bare)) return classifyIPv4Number(v4(bare));
  if (isIPv6(bare)) {
    const groups = ipv6Groups(bare.toLowerCase());
    return groups === undefined ? 'invalid' : classifyIPv6(groups);
  }
  return 'invalid';
}

export function isForbiddenAddress(address: string): boolean {
  return classifyAddress(address) !== 'public';
}

/** The system resolver, all families, in the order the system prefers. */
export const systemResolver: Resolver = async (hostname) => {
  const found = await lookup(hostname, { all: true, verbatim: true });
  return found.map((entry) => entry.address);
};

/** A URL hostname as a resolver or the guard sees it: brackets and a trailing root dot removed, lower case. */
export function normalizeHostname(hostname: string): string {
  let out = bareAddress(hostname).toLowerCase();
  if (out.endsWith('.')) out = out.slice(0, -1);
  return out;
}

/** Literal addresses answer for themselves; names go through the resolver. Failures become `source_unreachable`. */
export async function resolveHost(hostname: string, resolver: Resolver): Promise<string[]> {
  const host = normalizeHostname(hostname);
  if (isIP(host) !== 0) return [host];
  let addresses: string[];
  try {
    addresses = await resolver(host);
  } catch (cause) {
    const code = (cause as { code?: unknown } | null)?.code;
    throw new AtlasError('source_unreachable', `The host name ${host} could not be resolved.`, {
      cause,
      details: { host, reason: 'dns', dnsCode: typeof code === 'string' ? code : undefined },
    });
  }
  const cleaned = addresses.map(bareAddress).filter((a) => a !== '');
  if (cleaned.length === 0) {
    throw new AtlasError('source_unreachable', `The host name ${host} resolves to no address.`, {
      details: { host, reason: 'dns' },
    });
  }
  return cleaned;
}

/**
 * Refuses the host when any of its addresses is not public: a name with one public and one private address
 * could be answered by either, so all of them must pass.
 */
export function assertAddressesAllowed(
  host: string,
  addresses: readonly string[],
  allowPrivate: boolean,
): void {
  if (allowPrivate) return;
  for (const address of addresses) {
    const kind = classifyAddress(address);
    if (kind === 'public') continue;
    const named = host === address ? address : `${host} (${address})`;
    throw new AtlasError(
      'address_forbidden',
      `Refusing to contact ${named}: ${address} is a ${kind} address, which harvesting may not reach. ` +
        'If this source really lives on such a network, allow it with ATLAS_ALLOW_PRIVATE_NETWORKS=true ' +
        "or with the source's private-network setting.",
      { details: { host, address, kind } },
    );
  }
}
