import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';

export const IN_MEMORY = 'memory://';

/**
 * The embedded PostgreSQL (PGlite) used when no DATABASE_URL is given. PGlite
 * is a single in-process connection with no locking of its own, so a lock
 * file keeps a second process (say, `npm run migrate` while the server runs)
 * from opening the same files and corrupting them.
 */
export class EmbeddedDatabase {
  // Let go of on close: a PGlite holds its WebAssembly memory (about 200 MB) for
  // as long as it is reachable, and whatever kept this object (a closed Nest
  // app, a test's variable) would otherwise keep that memory too.
  #pglite: PGlite | undefined;

  private constructor(
    pglite: PGlite,
    private readonly lockFile: string | undefined,
  ) {
    this.#pglite = pglite;
  }

  get pglite(): PGlite {
    if (!this.#pglite) throw new Error('The embedded database is closed.');
    return this.#pglite;
  }

  /** `loadDataDir`: start an in-memory database from a `dumpDataDir()` archive instead of empty. */
  static async open(location: string, options: { loadDataDir?: Blob } = {}): Promise<EmbeddedDatabase> {
    if (location === IN_MEMORY) {
      const pglite = new PGlite({ loadDataDir: options.loadDataDir });
      await pglite.waitReady;
      return new EmbeddedDatabase(pglite, undefined);
    }
    mkdirSync(location, { recursive: true, mode: 0o700 });
    const lockFile = acquireLock(join(location, '..', 'tptm.lock'));
    try {
      const pglite = new PGlite(location);
      await pglite.waitReady;
      return new EmbeddedDatabase(pglite, lockFile);
    } catch (error) {
      rmSync(lockFile, { force: true });
      throw error;
    }
  }

  async close(): Promise<void> {
    const pglite = this.#pglite;
    if (!pglite) return;
    if (!pglite.closed) await pglite.close();
    this.#pglite = undefined;
    if (this.lockFile) rmSync(this.lockFile, { force: true });
  }
}

function acquireLock(file: string): string {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx', 0o600);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return file;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(readFileSync(file, 'utf8'));
      if (isRunning(holder)) {
        throw new Error(`The embedded database is in use by process ${holder}. Stop it first, or point TPTM_DATA_DIR elsewhere.`);
      }
      rmSync(file, { force: true });
    }
  }
  throw new Error(`Could not lock the embedded database (${file}).`);
}

function isRunning(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
