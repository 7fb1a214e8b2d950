/* Generated from openapi.json by `npm run generate` (openapi-typescript-codegen). Do not edit. */
/* generated using openapi-typescript-codegen -- do not edit */
/* istanbul ignore file */
/* tslint:disable */
/* eslint-disable */
export type InviterType = 'user' | 'apiKey';

/** Every InviterType, by name. */
export const InviterType = {
  USER: 'user',
  API_KEY: 'apiKey',
} as const satisfies Record<string, InviterType>;
