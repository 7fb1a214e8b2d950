/* Generated from openapi.json by `npm run generate` (openapi-typescript-codegen). Do not edit. */
/* generated using openapi-typescript-codegen -- do not edit */
/* istanbul ignore file */
/* tslint:disable */
/* eslint-disable */
/**
 * A secret scanner (GitHub's), or anyone through the public endpoint.
 */
export type ExposureReporter = 'secret-scanning' | 'public-report';

/** Every ExposureReporter, by name. */
export const ExposureReporter = {
  SECRET_SCANNING: 'secret-scanning',
  PUBLIC_REPORT: 'public-report',
} as const satisfies Record<string, ExposureReporter>;
