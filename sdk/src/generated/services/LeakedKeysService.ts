/* Generated from openapi.json by `npm run generate` (openapi-typescript-codegen). Do not edit. */
/* generated using openapi-typescript-codegen -- do not edit */
/* istanbul ignore file */
/* tslint:disable */
/* eslint-disable */
import type { RevokeCredentialsRequest } from '../models/RevokeCredentialsRequest.js';
import type { SecretScanningLabel } from '../models/SecretScanningLabel.js';
import type { SecretScanningMatch } from '../models/SecretScanningMatch.js';
import type { TptmPromise } from '../../promise.js';
import type { BaseHttpRequest } from '../core/BaseHttpRequest.js';
export class LeakedKeysService {
  constructor(private readonly httpRequest: BaseHttpRequest) {}
  /**
   * Report leaked API keys
   * Anyone who finds an API key of this server in public can report it here, without authentication. Each live key in the list is handled as its organization's `onExposure` says. The answer is the same whatever was found. At most 60 calls per hour per client.
   * @returns any Received.
   * @throws TptmApiError
   */
  public revokeCredentials({
    requestBody,
  }: {
    requestBody: RevokeCredentialsRequest,
  }): TptmPromise<unknown> {
    return this.httpRequest.request({
      method: 'POST',
      url: '/api/v1/credentials/revoke',
      body: requestBody,
      mediaType: 'application/json',
      errors: {
        400: `The body is not \`{credentials: [string]}\` with up to 1,000 entries.`,
        429: `More than 60 calls this hour from this client; see \`Retry-After\`.`,
      },
    });
  }
  /**
   * Receive GitHub's secret scanning reports
   * GitHub's secret scanning partner program posts the secrets it found that match this server's key pattern. The body (a JSON array of up to 1,000 matches, up to 1 MiB) is signed with ECDSA P-256/SHA-256 by the key named in `Github-Public-Key-Identifier`, one of those at `TPTM_SECRET_SCANNING_KEYS_URL` (or in `TPTM_SECRET_SCANNING_KEYS_FILE`). Each match that is a live key is handled as its organization's `onExposure` says, once per url.
   * @returns SecretScanningLabel A label for each match, in order.
   * @throws TptmApiError
   */
  public githubReport({
    githubPublicKeySignature,
    githubPublicKeyIdentifier,
    requestBody,
  }: {
    /**
     * Base64 DER ECDSA signature of the raw body.
     */
    githubPublicKeySignature: string,
    /**
     * Which published key signed the body.
     */
    githubPublicKeyIdentifier: string,
    requestBody: Array<SecretScanningMatch>,
  }): TptmPromise<Array<SecretScanningLabel>> {
    return this.httpRequest.request({
      method: 'POST',
      url: '/api/v1/secret-scanning/github',
      headers: {
        'Github-Public-Key-Signature': githubPublicKeySignature,
        'Github-Public-Key-Identifier': githubPublicKeyIdentifier,
      },
      body: requestBody,
      mediaType: 'application/json',
      errors: {
        400: `The body is not an array of up to 1,000 matches.`,
        401: `A missing or unknown key identifier, or a missing or bad signature.`,
      },
    });
  }
}
