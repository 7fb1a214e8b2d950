/**
 * API tests run the real app over HTTP against a real database: a copy of one
 * migrated embedded PGlite by default, or a fresh copy of a migrated template
 * database on the PostgreSQL server in DATABASE_URL (test/setup/global-setup.ts).
 *
 * Test files compile with SWC, file by file: `npm run typecheck` type-checks
 * them (with the rest of the code), so Jest does not do it again in each
 * worker. The files the Swagger plugin rewrites in `nest build` are compiled
 * with it once per change of the sources (test/support/swagger-plugin-output.ts).
 */
module.exports = {
  rootDir: '.',
  testEnvironment: 'node',
  roots: ['<rootDir>/src', '<rootDir>/test'],
  testMatch: ['**/*.spec.ts'],
  transform: {
    '^.+\\.ts$': [
      '<rootDir>/test/setup/transform.js',
      {
        swcrc: false,
        sourceMaps: 'inline',
        module: { type: 'commonjs' },
        jsc: {
          target: 'es2022',
          parser: { syntax: 'typescript', decorators: true },
          // As tsconfig.json: experimentalDecorators, emitDecoratorMetadata, useDefineForClassFields false.
          transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
          // Nest and the Swagger schemas name things after their classes.
          keepClassNames: true,
        },
      },
    ],
  },
  globalSetup: '<rootDir>/test/setup/global-setup.ts',
  globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
  // A hang detector, not a speed check: booting an app and its embedded database can take a
  // minute or more on a machine busy with other jobs, and nothing here may fail for that.
  testTimeout: 180_000,
  maxWorkers: 2,
  // Every file gets a fresh worker: Jest measures only the heap against this limit, and
  // every file's is above it. Closed apps no longer hold their PGlite (~210 MB each, what
  // made a worker reach 5 GB), but a worker kept for several files still grows outside
  // the heap by ~15 MB a file (8 small files in one worker: 63 -> 53 CPU-s, peak RSS
  // 683 -> 807 MB); a fresh worker costs ~1.2 CPU-s, paid until a whole run shows
  // where a kept worker's memory ends.
  workerIdleMemoryLimit: '1MB',
};
