import { crc32 } from 'node:zlib';
import {
  API_KEY_LENGTH,
  API_KEY_PATTERN,
  API_KEY_PREFIX,
  API_KEY_RANDOM_LENGTH,
  checksumOf,
  digestApiKey,
  generateApiKey,
  isWellFormedApiKey,
  maskApiKey,
} from './key-format';
import { randomBase62 } from '../../common/random';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

describe('API key format', () => {
  it('generates tptm_ + 40 random base62 characters + a 6-character checksum', () => {
    const { key } = generateApiKey();
    expect(key).toHaveLength(API_KEY_LENGTH);
    expect(key.startsWith(API_KEY_PREFIX)).toBe(true);
    expect(key).toMatch(API_KEY_PATTERN);
    expect(isWellFormedApiKey(key)).toBe(true);
  });

  it('carries at least 190 bits of randomness', () => {
    expect(API_KEY_RANDOM_LENGTH * Math.log2(62)).toBeGreaterThanOrEqual(190);
  });

  it('encodes the CRC32 of the random part in base62', () => {
    const random = 'a'.repeat(API_KEY_RANDOM_LENGTH);
    let value = crc32(random);
    let expected = '';
    for (let i = 0; i < 6; i++) {
      expected = BASE62[value % 62] + expected;
      value = Math.floor(value / 62);
    }
    expect(checksumOf(random)).toBe(expected);
    expect(isWellFormedApiKey(`tptm_${random}${expected}`)).toBe(true);
  });

  it('rejects a key whose checksum does not match', () => {
    const { key } = generateApiKey();
    const last = key.at(-1)!;
    const tampered = key.slice(0, -1) + (last === 'a' ? 'b' : 'a');
    expect(isWellFormedApiKey(tampered)).toBe(false);
  });

  it('rejects a key with one random character changed (the checksum catches typos)', () => {
    const { key } = generateApiKey();
    const i = API_KEY_PREFIX.length + 7;
    const changed = key.slice(0, i) + (key[i] === 'Z' ? 'Y' : 'Z') + key.slice(i + 1);
    expect(isWellFormedApiKey(changed)).toBe(false);
  });

  it.each([
    ['empty', ''],
    ['truncated', () => generateApiKey().key.slice(0, -1)],
    ['too long', () => `${generateApiKey().key}A`],
    ['wrong prefix', () => `tpt_${generateApiKey().key.slice(5)}x`],
    ['upper-case prefix', () => `TPTM_${generateApiKey().key.slice(5)}`],
    ['non-base62 character', () => generateApiKey().key.replace(/.$/, '-')],
    ['surrounding whitespace', () => ` ${generateApiKey().key.slice(1)}`],
  ])('rejects a %s key', (_label, make) => {
    const candidate = typeof make === 'function' ? make() : make;
    expect(isWellFormedApiKey(candidate)).toBe(false);
  });

  it('never repeats a key and stores a stable SHA-256 digest', () => {
    const keys = new Set(Array.from({ length: 2000 }, () => generateApiKey().key));
    expect(keys.size).toBe(2000);
    const { key, digest } = generateApiKey();
    expect(digest).toMatch(/^[0-9a-f]{64}$/);
    expect(digestApiKey(key)).toBe(digest);
    expect(digest).not.toContain(key.slice(5, 15));
  });

  it('masks a key to its prefix, 4 leading and 4 trailing characters', () => {
    const key = `tptm_7Gq2${'A'.repeat(36)}Zx9Fa`.slice(0, API_KEY_LENGTH);
    expect(maskApiKey(key)).toBe(`tptm_7Gq2…${key.slice(-4)}`);
    expect(generateApiKey().maskedKey).toMatch(/^tptm_[0-9A-Za-z]{4}…[0-9A-Za-z]{4}$/);
  });

  it('draws every base62 symbol with equal probability (no modulo bias)', () => {
    // 620,000 symbols: each expected 10,000 times. With modulo bias (byte % 62
    // over all 256 bytes) the first 8 symbols would appear ~5% more often,
    // 26 standard deviations away; a fair generator stays within a few.
    const sample = randomBase62(620_000);
    const counts = new Map<string, number>();
    for (const c of sample) counts.set(c, (counts.get(c) ?? 0) + 1);
    expect(counts.size).toBe(62);
    let chiSquare = 0;
    for (const n of counts.values()) chiSquare += (n - 10_000) ** 2 / 10_000;
    // 61 degrees of freedom: p = 0.0001 is at ~110.
    expect(chiSquare).toBeLessThan(110);
    const firstEight = [...BASE62.slice(0, 8)].reduce((sum, c) => sum + counts.get(c)!, 0) / 8;
    const rest = [...BASE62.slice(8)].reduce((sum, c) => sum + counts.get(c)!, 0) / 54;
    expect(Math.abs(firstEight / rest - 1)).toBeLessThan(0.02);
  });
});
