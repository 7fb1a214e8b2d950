/**
 * Browser tests: the built server on a throwaway embedded database, driven
 * through Debian's Chromium. One file, in order, like a person following the
 * help article; `npm run test:e2e` at the root builds everything first.
 */
module.exports = {
  rootDir: '.',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/**/*.e2e.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }] },
  testTimeout: 60_000,
  maxWorkers: 1,
};
