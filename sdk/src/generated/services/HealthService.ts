/* Generated from openapi.json by `npm run generate` (openapi-typescript-codegen). Do not edit. */
/* generated using openapi-typescript-codegen -- do not edit */
/* istanbul ignore file */
/* tslint:disable */
/* eslint-disable */
import type { HealthResponse } from '../models/HealthResponse.js';
import type { TptmPromise } from '../../promise.js';
import type { BaseHttpRequest } from '../core/BaseHttpRequest.js';
export class HealthService {
  constructor(private readonly httpRequest: BaseHttpRequest) {}
  /**
   * Whether this server can reach its database
   * For load balancers and uptime checks; needs no credentials.
   * @returns HealthResponse The server and its database are up.
   * @throws TptmApiError
   */
  public getHealth(): TptmPromise<HealthResponse> {
    return this.httpRequest.request({
      method: 'GET',
      url: '/api/health',
      errors: {
        400: `An unknown query parameter: this route takes none.`,
        503: `The database is not answering.`,
      },
    });
  }
}
