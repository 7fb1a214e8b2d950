/* Generated from openapi.json by `npm run generate` (openapi-typescript-codegen). Do not edit. */
import type { ApiRequestOptions } from './ApiRequestOptions.js';
import type { TptmPromise } from '../../promise.js';

/** What a generated service sends its requests through: the SDK's transport. */
export interface BaseHttpRequest {
  request<T>(options: ApiRequestOptions): TptmPromise<T>;
}
