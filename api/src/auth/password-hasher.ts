import { randomBytes, scrypt, ScryptOptions, timingSafeEqual } from 'node:crypto';

const KEY_LENGTH = 32;

function scryptAsync(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => scrypt(password, salt, KEY_LENGTH, options, (error, key) => (error ? reject(error) : resolve(key))));
}

/**
 * scrypt (memory-hard, built into Node) with the cost stored in each hash, so
 * the cost can be raised later without invalidating existing passwords.
 * Format: `scrypt$<log2 N>$<r>$<p>$<salt>$<hash>` (base64url).
 */
export class PasswordHasher {
  private readonly dummyHash: Promise<string>;

  constructor(private readonly log2Cost: number) {
    this.dummyHash = this.hash(randomBytes(16).toString('hex'));
  }

  async hash(password: string): Promise<string> {
    const salt = randomBytes(16);
    const key = await scryptAsync(password, salt, this.options(this.log2Cost, 8, 1));
    return ['scrypt', this.log2Cost, 8, 1, salt.toString('base64url'), key.toString('base64url')].join('$');
  }

  async verify(password: string, stored: string): Promise<boolean> {
    const [scheme, log2N, r, p, salt, expected] = stored.split('$');
    if (scheme !== 'scrypt' || !salt || !expected) return false;
    const key = await scryptAsync(password, Buffer.from(salt, 'base64url'), this.options(Number(log2N), Number(r), Number(p)));
    const want = Buffer.from(expected, 'base64url');
    return want.length === key.length && timingSafeEqual(key, want);
  }

  /** Burns the same time as a real check, so an unknown email answers no faster than a wrong password. */
  async verifyNothing(password: string): Promise<false> {
    await this.verify(password, await this.dummyHash);
    return false;
  }

  private options(log2N: number, r: number, p: number): ScryptOptions {
    const N = 2 ** log2N;
    return { N, r, p, maxmem: 256 * N * r };
  }
}
