// The package's entry: the generated models and the enum constants, with the
// hand-written client, transport options and error types.
export * from './generated/index.js';
// The spec's lengths, ranges and list sizes, for forms that check what the API will.
export { FIELD_LIMITS, QUERY_LIMITS } from './generated/limits.js';
export { TptmClient, createTptmClient } from './client.js';
export type { TptmApiKeysService, TptmAuditService, TptmClientBaseOptions, TptmClientOptions, TptmService } from './client.js';
export { TptmPromise } from './promise.js';
export type { TptmResponse } from './promise.js';
export type {
  TptmAbortSignal,
  TptmAccessToken,
  TptmFetch,
  TptmFetchInit,
  TptmFetchResponse,
  TptmLogEvent,
  TptmLogger,
  TptmRequestOptions,
} from './transport.js';
export { TptmApiError, TptmConnectionError, TptmUsageError, isTptmApiError, isTptmConnectionError, parseRateLimit } from './errors.js';
export type { TptmApiErrorDetails, TptmProblem, TptmProblemType, TptmRateLimit } from './errors.js';
export { SDK_VERSION } from './version.js';
// Accepting TPTM keys in your own service (Express, Fastify, NestJS), with a service token.
export { isWellFormedApiKey, digestOfApiKey } from './verification/key-format.js';
export { verifyApiKey, TptmKeyVerifier, TptmVerificationError } from './verification/verifier.js';
export type { KeyVerification, VerifyApiKeyOptions, KeyVerifierOptions, CacheOptions, VerifierLogger } from './verification/verifier.js';
export { tptmApiKeyAuth, TptmApiKeyGuard, RequireTptmPermissions } from './verification/middleware.js';
export type { TptmApiKeyAuth, TptmApiKeyAuthOptions, TptmKeyIdentity, TptmRefusal } from './verification/middleware.js';
