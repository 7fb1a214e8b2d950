// The package's entry: the generated models, enums and services, with the
// hand-written client factory and error type in place of the generator's.
export * from './generated/index.js';
export { TptmClient, createTptmClient } from './client.js';
export type { TptmClientOptions } from './client.js';
export { TptmApiError, isTptmApiError } from './errors.js';
