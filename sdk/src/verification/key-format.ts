const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const KEY_PATTERN = /^tptm_[0-9A-Za-z]{46}$/;
const RANDOM_LENGTH = 40;

let table: Uint32Array | undefined;

function crc32(text: string): number {
  if (!table) {
    table = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  // The random part is base62: one byte per character.
  for (let i = 0; i < text.length; i++) crc = table[(crc ^ text.charCodeAt(i)) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function toBase62(value: number, width: number): string {
  let out = '';
  for (let i = 0; i < width; i++) {
    out = BASE62[value % 62] + out;
    value = Math.floor(value / 62);
  }
  return out;
}

/**
 * True when `candidate` has the exact shape of a TPTM API key (`tptm_`, 40
 * random base62 characters, a 6-character CRC32 checksum of them) and its
 * checksum matches. Offline and cheap: a typo or a forgery is refused before
 * any call to TPTM. A well-formed key may still be unknown, revoked or expired.
 */
export function isWellFormedApiKey(candidate: unknown): candidate is string {
  if (typeof candidate !== 'string' || !KEY_PATTERN.test(candidate)) return false;
  const random = candidate.slice(5, 5 + RANDOM_LENGTH);
  return toBase62(crc32(random), 6) === candidate.slice(-6);
}

/** Lowercase hex SHA-256 of the full key: how the revocation stream names a secret. */
export async function digestOfApiKey(key: string): Promise<string> {
  const bytes = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(key));
  return Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, '0')).join('');
}
