/**
 * SDK tests run the built package (dist/, as `require('@tptm/sdk')` and as
 * ES modules in child processes) against the built API started by the test
 * itself; `npm test` builds both first.
 */
module.exports = {
  rootDir: '.',
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.spec.ts'],
  transform: {
    '^.+\\.ts$': [
      'ts-jest',
      {
        tsconfig: '<rootDir>/test/tsconfig.json',
        // nodenext module kind with full type information.
        diagnostics: { ignoreCodes: [151002] },
      },
    ],
  },
  // A hang detector, not a speed check: a busy machine may take minutes to boot the server under test.
  testTimeout: 180_000,
  // In band: the live server and the type-checking each want a core of this
  // 2-core machine, and run one after the other they finish about as soon.
  maxWorkers: 1,
};
