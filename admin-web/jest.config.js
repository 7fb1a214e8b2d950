/**
 * Component tests: Angular components in jsdom (no browser, no server). The
 * SDK client is stubbed at its injection token; everything else is real.
 */
const { createCjsPreset } = require('jest-preset-angular/presets');

module.exports = {
  ...createCjsPreset({ tsconfig: '<rootDir>/tsconfig.spec.json' }),
  testEnvironment: 'jest-preset-angular/environments/jest-jsdom-env',
  setupFilesAfterEnv: ['<rootDir>/src/testing/setup-jest.ts'],
  roots: ['<rootDir>/src'],
  testMatch: ['**/*.spec.ts'],
  // One process: as fast as two on this size of machine, and no worker left to force-exit.
  maxWorkers: 1,
};
