/* Generated from openapi.json by `npm run generate` (openapi-typescript-codegen). Do not edit. */
/* generated using openapi-typescript-codegen -- do not edit */
/* istanbul ignore file */
/* tslint:disable */
/* eslint-disable */
import type { ExposureAction } from './ExposureAction.js';
import type { ExposureReporter } from './ExposureReporter.js';
export type ApiKeyExposure = {
  /**
   * What was done: the key revoked, disabled, or left working (its owners told).
   */
  action: ExposureAction;
  /**
   * When the report arrived.
   */
  foundAt: string;
  /**
   * A secret scanner (GitHub's), or anyone through the public endpoint.
   */
  reportedBy: ExposureReporter;
  /**
   * What kind of place it was found in, as the scanner says (`content`, `commit`, …); null from a public report.
   */
  source: string | null;
  /**
   * Where the secret was found (a public scanner's link); null from a public report.
   */
  url: string | null;
};

