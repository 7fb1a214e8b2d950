import { hash } from 'node:crypto';
import { randomBase62 } from './random';

/**
 * One-time secrets sent to people: invitation links, password resets and
 * refresh tokens. 32 base62 characters carry 190 bits. Each starts with
 * `tptm_` and a kind, so the log scrubber and secret scanners recognise it
 * the way they recognise API keys.
 */
export type SecretKind = 'inv' | 'pwr' | 'rt';
const RANDOM_LENGTH = 32;

export function generateSecretToken(kind: SecretKind): { token: string; digest: string } {
  const token = `tptm_${kind}_${randomBase62(RANDOM_LENGTH)}`;
  return { token, digest: digestSecretToken(token) };
}

/** A token of the kind asked for, or undefined; shape is checked first so junk is never hashed or looked up. */
export function secretTokenDigest(kind: SecretKind, candidate: unknown): string | undefined {
  if (typeof candidate !== 'string') return undefined;
  const prefix = `tptm_${kind}_`;
  if (candidate.length !== prefix.length + RANDOM_LENGTH || !candidate.startsWith(prefix)) return undefined;
  if (!/^[0-9A-Za-z]+$/.test(candidate.slice(prefix.length))) return undefined;
  return digestSecretToken(candidate);
}

function digestSecretToken(token: string): string {
  return hash('sha256', token, 'hex');
}
