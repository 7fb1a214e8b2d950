import { ArrayMaxSize, IsArray, IsString, MaxLength } from 'class-validator';

export const MAX_REPORTED_TOKENS = 1000;

/** One secret GitHub found, as its secret scanning partner program reports it. */
export class SecretScanningMatch {
  /** The secret found. @example tptm_7Gq2Kp9LmN3xR8vT1wY6zB4cD0eF5gH2jK7sQ9x9Fa */
  token: string;
  /** The token type GitHub matched it as. @example tptm_api_key */
  type: string;
  /** Where it was found. @example https://github.com/octo/app/blob/abc123/config.js */
  url: string;
  /** What kind of place it was found in. @example content */
  source: string;
}

/** GitHub's feedback on one reported secret. */
export class SecretScanningLabel {
  /** Lowercase hex SHA-256 of the token. @example 6b3a55e0261b0304143f805a24924d0c1c44524821305f31d9277843b8a10f4e */
  token_hash: string;
  /** The reported `type`, echoed. @example tptm_api_key */
  token_type: string;
  /** `true_positive`: the token is (or was) an API key of this server. @example true_positive */
  label: 'true_positive' | 'false_positive';
}

export class RevokeCredentialsRequest {
  /** Secrets found in public (up to 1,000): each that is a live key is handled as its organization's policy says. */
  @IsArray({ message: 'must be an array of strings' })
  @ArrayMaxSize(MAX_REPORTED_TOKENS, { message: `must hold at most ${MAX_REPORTED_TOKENS} credentials` })
  @IsString({ each: true, message: 'must be an array of strings' })
  @MaxLength(512, { each: true, message: 'must hold strings of at most 512 characters' })
  credentials: string[];
}
