import net from 'node:net';

/**
 * Why an image may not be fetched from this address, or undefined when it is one
 * public host on the internet. A book is untrusted input: a URL in it must not
 * reach this machine (loopback), its network (private, link-local, where cloud
 * metadata lives at 169.254.169.254) or anything that is not a unicast host.
 * Anything this cannot read as an IP address is refused.
 */
export function addressRefusal(address: string): string | undefined {
  const v4 = parseIPv4(address);
  if (v4 !== undefined) return ipv4Refusal(v4);
  const v6 = parseIPv6(address);
  return v6 === undefined ? 'not an IP address' : ipv6Refusal(v6);
}

/** IANA's special-purpose IPv4 blocks (RFC 6890 and successors), by what a user would call them. */
const ipv4Blocks: readonly [network: string, bits: number, what: string][] = [
  ['0.0.0.0', 8, 'an unspecified address'],
  ['10.0.0.0', 8, 'a private address'],
  ['100.64.0.0', 10, 'a shared (carrier-grade NAT) address'],
  ['127.0.0.0', 8, 'a loopback address'],
  ['169.254.0.0', 16, 'a link-local address'],
  ['172.16.0.0', 12, 'a private address'],
  ['192.0.0.0', 24, 'a reserved address'],
  ['192.0.2.0', 24, 'a documentation address'],
  ['192.88.99.0', 24, 'a reserved address'],
  ['192.168.0.0', 16, 'a private address'],
  ['198.18.0.0', 15, 'a benchmarking address'],
  ['198.51.100.0', 24, 'a documentation address'],
  ['203.0.113.0', 24, 'a documentation address'],
  ['224.0.0.0', 4, 'a multicast address'],
  // 240/4 is reserved; its last address is the broadcast address.
  ['240.0.0.0', 4, 'a reserved address'],
];

function ipv4Refusal(address: number): string | undefined {
  for (const [network, bits, what] of ipv4Blocks) {
    const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
    if ((address & mask) >>> 0 === parseIPv4(network)) return what;
  }
  return undefined;
}

function ipv6Refusal(groups: readonly number[]): string | undefined {
  const [a = 0, b = 0, c = 0, d = 0, e = 0, f = 0, g = 0, h = 0] = groups;
  const zeros = (...values: number[]): boolean => values.every((value) => value === 0);
  // Forms that carry an IPv4 address, and reach it: judged by the IPv4 address.
  const embedded = (high: number, low: number): string | undefined => {
    const v4 = ((high << 16) | low) >>> 0;
    const refusal = ipv4Refusal(v4);
    return refusal && `${refusal} (IPv4 ${formatIPv4(v4)})`;
  };
  if (zeros(a, b, c, d, e, f, g, h)) return 'an unspecified address';
  if (zeros(a, b, c, d, e, f, g) && h === 1) return 'a loopback address';
  if (zeros(a, b, c, d, e) && f === 0xffff) return embedded(g, h); // IPv4-mapped, ::ffff:0:0/96
  if (zeros(a, b, c, d, f) && e === 0xffff) return embedded(g, h); // IPv4-translated, ::ffff:0:0:0/96
  if (a === 0x64 && b === 0xff9b && zeros(c, d, e, f)) return embedded(g, h); // NAT64, 64:ff9b::/96
  if (a === 0x64 && b === 0xff9b && c === 1) return 'a private address'; // local NAT64, 64:ff9b:1::/48
  if (a === 0x2002) return embedded(b, c); // 6to4, 2002::/16
  if ((a & 0xff00) === 0xff00) return 'a multicast address';
  if ((a & 0xffc0) === 0xfe80) return 'a link-local address';
  if ((a & 0xffc0) === 0xfec0) return 'a site-local (private) address';
  if ((a & 0xfe00) === 0xfc00) return 'a unique local (private) address';
  if (a === 0x2001 && b === 0x0db8) return 'a documentation address';
  if (a === 0x3fff && b < 0x1000) return 'a documentation address';
  // 2001::/23 holds Teredo, whose IPv4 address is hidden, and other special purposes.
  if (a === 0x2001 && b < 0x200) return 'a reserved address';
  // Only 2000::/3 is global unicast; the rest (IPv4-compatible ::/96 among it) is not a host on the internet.
  if ((a & 0xe000) !== 0x2000) return 'a reserved address';
  return undefined;
}

/** A dotted quad as a 32-bit number; only the canonical form DNS and URL parsing give. */
function parseIPv4(text: string): number | undefined {
  const parts = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text)?.slice(1).map(Number);
  if (!parts || parts.some((part) => part > 255)) return undefined;
  return parts.reduce((sum, part) => sum * 256 + part, 0);
}

function formatIPv4(address: number): string {
  return [24, 16, 8, 0].map((shift) => (address >>> shift) & 0xff).join('.');
}

/** An IPv6 address (brackets, zone and a dotted IPv4 tail allowed) as its eight 16-bit groups. */
function parseIPv6(text: string): number[] | undefined {
  const address = text.replace(/^\[(.*)\]$/, '$1').replace(/%.*$/, '');
  if (!net.isIPv6(address)) return undefined;
  let head = address;
  const tail: number[] = [];
  const dotted = /\d+\.\d+\.\d+\.\d+$/.exec(address)?.[0];
  if (dotted !== undefined) {
    const v4 = parseIPv4(dotted);
    if (v4 === undefined) return undefined;
    tail.push(v4 >>> 16, v4 & 0xffff);
    head = address.slice(0, -dotted.length);
    if (!head.endsWith('::')) head = head.slice(0, -1);
  }
  const groups = (part: string): number[] => (part === '' ? [] : part.split(':').map((hex) => parseInt(hex, 16)));
  const [left = '', right] = head.split('::');
  if (right === undefined) return [...groups(left), ...tail];
  const known = [...groups(left), ...groups(right)];
  return [...groups(left), ...Array<number>(8 - tail.length - known.length).fill(0), ...groups(right), ...tail];
}
