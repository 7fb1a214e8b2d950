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
  // SWC compiles the tests file by file; `npm run typecheck` type-checks them (sdk/test/tsconfig.json).
  transform: {
    '^.+\\.ts$': ['@swc/jest', { swcrc: false, module: { type: 'commonjs' }, jsc: { target: 'es2022', parser: { syntax: 'typescript' } } }],
  },
  // A hang detector, not a speed check: a busy machine may take minutes to boot the server under test.
  testTimeout: 180_000,
  // In band: the live server each test file starts wants a core of this 2-core machine.
  maxWorkers: 1,
};
