/**
 * API tests run the real app over HTTP against a real database: a throwaway
 * embedded PGlite by default, or a fresh database on the PostgreSQL server in
 * DATABASE_URL. The Swagger plugin runs here as in `nest build`, so the spec
 * the tests see is the one the build produces.
 */
module.exports = {
  rootDir: '.',
  testEnvironment: 'node',
  roots: ['<rootDir>/src', '<rootDir>/test'],
  testMatch: ['**/*.spec.ts'],
  transform: {
    '^.+\\.ts$': [
      'ts-jest',
      {
        tsconfig: '<rootDir>/tsconfig.json',
        isolatedModules: false,
        // nodenext module kind with full type information (needed by the Swagger plugin).
        diagnostics: { ignoreCodes: [151002] },
        astTransformers: {
          before: [
            {
              path: '<rootDir>/test/swagger-plugin.transformer.js',
              options: {
                classValidatorShim: true,
                introspectComments: true,
                dtoFileNameSuffix: ['.dto.ts'],
              },
            },
          ],
        },
      },
    ],
  },
  // A hang detector, not a speed check: booting an app and its embedded database can take a
  // minute or more on a machine busy with other jobs, and nothing here may fail for that.
  testTimeout: 180_000,
  maxWorkers: 2,
};
