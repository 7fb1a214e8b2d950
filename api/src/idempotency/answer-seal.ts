import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

const NONCE_BYTES = 12;
const TAG_BYTES = 16;

/**
 * What one caller's `Idempotency-Key` opens. The row is found by an HMAC of
 * caller and key under the server's secret (the key itself is never
 * stored); the request is compared, and the answer's body sealed
 * (AES-256-GCM), under keys derived with HKDF-SHA-256 from the
 * `Idempotency-Key` and the server's secret, so that neither the database
 * nor the server alone can read a stored answer, the secret a created or
 * rolled key or an invitation answered with above all.
 */
export class AnswerSeal {
  readonly recordId: string;
  private readonly sealKey: Buffer;
  private readonly digestKey: Buffer;

  constructor(serverSecret: string, caller: string, idempotencyKey: string) {
    this.recordId = createHmac('sha256', serverSecret).update(`record\0${caller}\0${idempotencyKey}`).digest('base64url');
    const keys = Buffer.from(hkdfSync('sha256', idempotencyKey, serverSecret, `tptm idempotency\0${caller}`, 64));
    this.sealKey = keys.subarray(0, 32);
    this.digestKey = keys.subarray(32);
  }

  /** What makes two requests the same one: method, path with query, and the body as parsed JSON (member order aside). */
  digestRequest(method: string, url: string, body: unknown): string {
    return createHmac('sha256', this.digestKey)
      .update(`${method}\0${url}\0${body === undefined ? '' : canonicalJson(body)}`)
      .digest('base64url');
  }

  seal(text: string): Buffer {
    const nonce = randomBytes(NONCE_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.sealKey, nonce);
    // Bound to its row: a sealed body copied into another row does not open there.
    cipher.setAAD(Buffer.from(this.recordId));
    const sealed = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
    return Buffer.concat([nonce, cipher.getAuthTag(), sealed]);
  }

  open(stored: Uint8Array): string {
    const bytes = Buffer.from(stored);
    const decipher = createDecipheriv('aes-256-gcm', this.sealKey, bytes.subarray(0, NONCE_BYTES));
    decipher.setAAD(Buffer.from(this.recordId));
    decipher.setAuthTag(bytes.subarray(NONCE_BYTES, NONCE_BYTES + TAG_BYTES));
    return Buffer.concat([decipher.update(bytes.subarray(NONCE_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
  }
}

/** JSON with every object's members in one order, so that `{"a":1,"b":2}` and `{"b":2,"a":1}` are the same body. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const members = Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
    return `{${members.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
