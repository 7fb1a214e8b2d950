/** This package's version, as in sdk/package.json; sent in Node as `User-Agent: tptm-sdk/<version>`. */
export const SDK_VERSION = '0.3.0';
