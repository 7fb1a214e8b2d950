import { canonicalIpEntry, IpAllowlist } from './ip-allowlist';

describe('allowed addresses', () => {
  it.each([
    ['192.0.2.7', '192.0.2.7'],
    ['10.1.2.3/8', '10.0.0.0/8'],
    ['0.0.0.0/0', '0.0.0.0/0'],
    ['2001:DB8::1', '2001:db8::1'],
    ['2001:db8:0:0:1::/64', '2001:db8::/64'],
    ['::ffff:192.0.2.7', '192.0.2.7'],
    ['::1', '::1'],
  ])('reads %s as %s', (entry, canonical) => {
    expect(canonicalIpEntry(entry)).toBe(canonical);
  });

  it.each([
    '',
    'localhost',
    '127.1',
    '0x7f.0.0.1',
    '256.0.0.1',
    '10.0.0.0/33',
    '10.0.0.0/',
    '10.0.0.0/8/8',
    '10.0.0.0/-1',
    '::1/129',
    'fe80::1%eth0',
    '1.2.3.4 ',
    ' 1.2.3.4',
    '10.0.0.0/08a',
  ])('refuses %j', (entry) => {
    expect(canonicalIpEntry(entry)).toBeNull();
  });

  it('matches IPv4, IPv6 and IPv4-mapped client addresses against their ranges', () => {
    const allowlist = new IpAllowlist(['10.0.0.0/8', '192.0.2.7', '2001:db8::/32']);
    expect(allowlist.allows('10.200.3.4')).toBe(true);
    expect(allowlist.allows('::ffff:10.200.3.4')).toBe(true);
    expect(allowlist.allows('192.0.2.7')).toBe(true);
    expect(allowlist.allows('192.0.2.8')).toBe(false);
    expect(allowlist.allows('11.0.0.1')).toBe(false);
    expect(allowlist.allows('2001:db8:ffff::1')).toBe(true);
    expect(allowlist.allows('2001:db9::1')).toBe(false);
    // An IPv4 range never matches an IPv6 address that is not a mapped IPv4 one, and the reverse.
    expect(allowlist.allows('::a00:1')).toBe(false);
    expect(allowlist.allows('not an address')).toBe(false);
    expect(allowlist.allows(undefined)).toBe(false);
  });
});
