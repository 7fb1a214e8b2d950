import ipaddr from 'ipaddr.js';

type Address = ipaddr.IPv4 | ipaddr.IPv6;

/** At most this many addresses or ranges on one key (the contract's limit). */
export const MAX_ALLOWED_IPS = 100;

/** An IPv4-mapped IPv6 address (`::ffff:192.0.2.1`, how a dual-stack socket reports an IPv4 peer) is its IPv4 address. */
function unmapped(address: Address): Address {
  return address.kind() === 'ipv6' && (address as ipaddr.IPv6).isIPv4MappedAddress() ? (address as ipaddr.IPv6).toIPv4Address() : address;
}

/**
 * One entry as written by a person: an address or a CIDR range, IPv4 in
 * four-part decimal only (ipaddr.js alone also reads `127.1` and `0x7f.1`,
 * which nobody means), IPv6 without a zone. Answers the canonical form
 * (a range by its network address: `10.1.2.3/8` is `10.0.0.0/8`), or null.
 */
export function canonicalIpEntry(entry: string): string | null {
  if (typeof entry !== 'string' || entry.length > 64) return null;
  const slash = entry.indexOf('/');
  const host = slash < 0 ? entry : entry.slice(0, slash);
  const prefix = slash < 0 ? undefined : entry.slice(slash + 1);
  let address: Address;
  if (ipaddr.IPv4.isValidFourPartDecimal(host)) address = ipaddr.IPv4.parse(host);
  else if (host.includes(':') && !host.includes('%') && ipaddr.IPv6.isValid(host)) address = ipaddr.IPv6.parse(host);
  else return null;
  address = unmapped(address);
  const maxBits = address.kind() === 'ipv4' ? 32 : 128;
  if (prefix === undefined) return address.kind() === 'ipv4' ? address.toString() : (address as ipaddr.IPv6).toRFC5952String();
  if (!/^\d{1,3}$/.test(prefix) || Number(prefix) > maxBits) return null;
  const bits = Number(prefix);
  const network =
    address.kind() === 'ipv4'
      ? ipaddr.IPv4.networkAddressFromCIDR(`${address.toString()}/${bits}`).toString()
      : ipaddr.IPv6.networkAddressFromCIDR(`${(address as ipaddr.IPv6).toRFC5952String()}/${bits}`).toRFC5952String();
  return `${network}/${bits}`;
}

/** The allowlist of a key's stored entries; null when there are none and any address may use it. */
export const allowlistOf = (entries: readonly string[]): IpAllowlist | null => (entries.length === 0 ? null : new IpAllowlist(entries));

/**
 * A key's allowed addresses, parsed once (when the key is looked up) so that
 * a request costs one parse of the client's address and a comparison per range.
 */
export class IpAllowlist {
  private readonly ranges: [Address, number][];

  /** The stored entries, canonical, as a key policy compares them. */
  constructor(readonly entries: readonly string[]) {
    this.ranges = entries.map((entry) => {
      const [host, bits] = entry.split('/');
      const address = ipaddr.parse(host);
      return [address, bits === undefined ? (address.kind() === 'ipv4' ? 32 : 128) : Number(bits)];
    });
  }

  /** Whether the client address lies in one of the ranges; an address that does not parse is in none. */
  allows(clientIp: string | undefined): boolean {
    if (clientIp === undefined || !ipaddr.isValid(clientIp)) return false;
    const address = unmapped(ipaddr.parse(clientIp));
    const kind = address.kind();
    for (const [range, bits] of this.ranges) {
      if (range.kind() === kind && address.match(range, bits)) return true;
    }
    return false;
  }
}
