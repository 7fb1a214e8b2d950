import { hash } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { randomBase62, toBase62 } from '../../common/random';

export const API_KEY_PREFIX = 'tptm_';
/** 40 base62 characters carry 238 bits, comfortably above the 190 the contract asks for. */
export const API_KEY_RANDOM_LENGTH = 40;
export const API_KEY_CHECKSUM_LENGTH = 6;
export const API_KEY_LENGTH = API_KEY_PREFIX.length + API_KEY_RANDOM_LENGTH + API_KEY_CHECKSUM_LENGTH;
/** Published for secret scanners: a match whose checksum verifies is almost certainly a real key. */
export const API_KEY_PATTERN = /^tptm_[0-9A-Za-z]{46}$/;

export interface GeneratedApiKey {
  key: string;
  digest: string;
  maskedKey: string;
}

export function generateApiKey(): GeneratedApiKey {
  const random = randomBase62(API_KEY_RANDOM_LENGTH);
  const key = API_KEY_PREFIX + random + checksumOf(random);
  return { key, digest: digestApiKey(key), maskedKey: maskApiKey(key) };
}

/** Service tokens (other services of the platform verifying keys) share the key's body and checksum, under their own prefix. */
export const SERVICE_TOKEN_PREFIX = 'tptm_svc_';
const SERVICE_TOKEN_PATTERN = /^tptm_svc_[0-9A-Za-z]{46}$/;

export function generateServiceToken(): { token: string; digest: string } {
  const random = randomBase62(API_KEY_RANDOM_LENGTH);
  const token = SERVICE_TOKEN_PREFIX + random + checksumOf(random);
  return { token, digest: digestApiKey(token) };
}

/** Prefix, length, alphabet and checksum: a typo or a forgery is refused before any lookup. */
export function isWellFormedServiceToken(candidate: string): boolean {
  if (!SERVICE_TOKEN_PATTERN.test(candidate)) return false;
  const random = candidate.slice(SERVICE_TOKEN_PREFIX.length, SERVICE_TOKEN_PREFIX.length + API_KEY_RANDOM_LENGTH);
  return checksumOf(random) === candidate.slice(-API_KEY_CHECKSUM_LENGTH);
}

export function checksumOf(random: string): string {
  return toBase62(crc32(random), API_KEY_CHECKSUM_LENGTH);
}

/** True when the candidate has the exact shape of a TPTM key (prefix, length, alphabet). */
export function hasApiKeyShape(candidate: string): boolean {
  return candidate.length === API_KEY_LENGTH && API_KEY_PATTERN.test(candidate);
}

/** True when a key-shaped candidate's checksum matches its random part: almost surely a key we issued. */
export function hasValidChecksum(candidate: string): boolean {
  const random = candidate.slice(API_KEY_PREFIX.length, API_KEY_PREFIX.length + API_KEY_RANDOM_LENGTH);
  return checksumOf(random) === candidate.slice(-API_KEY_CHECKSUM_LENGTH);
}

/**
 * True when the candidate has the exact shape of a TPTM key and its checksum
 * matches. Cheap and offline, so forged or mistyped keys are turned away
 * before any database work is done.
 */
export function isWellFormedApiKey(candidate: string): boolean {
  return hasApiKeyShape(candidate) && hasValidChecksum(candidate);
}

/** One-shot `crypto.hash`: several times cheaper than a Hash object for inputs this small. */
export function digestApiKey(key: string): string {
  return hash('sha256', key, 'hex');
}

/** Enough to recognise a key in a list (`tptm_7Gq2…x9Fa`), far too little to use it. */
export function maskApiKey(key: string): string {
  return `${API_KEY_PREFIX}${key.slice(API_KEY_PREFIX.length, API_KEY_PREFIX.length + 4)}…${key.slice(-4)}`;
}
