/* Generated from openapi.json by `npm run generate` (openapi-typescript-codegen). Do not edit. */
/* generated using openapi-typescript-codegen -- do not edit */
/* istanbul ignore file */
/* tslint:disable */
/* eslint-disable */
export type KeyPolicyDryRun = {
  /**
   * How many of the organization's keys (revoked ones aside) would break the policy: refused at use until fixed.
   */
  violatingKeys: number;
};

