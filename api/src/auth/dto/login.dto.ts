import { IsString, MaxLength } from 'class-validator';
import { HasNoControlCharacters } from '../../errors/validation';

export class LoginRequest {
  /** @example admin@example.com */
  @IsString({ message: 'must be a string' })
  @MaxLength(254, { message: 'must be at most 254 characters long' })
  @HasNoControlCharacters()
  email: string;

  /** @example correct-horse-battery-staple */
  @IsString({ message: 'must be a string' })
  @MaxLength(256, { message: 'must be at most 256 characters long' })
  password: string;
}

export class AccessTokenResponse {
  /**
   * A signed token to send as `Authorization: Bearer <accessToken>`.
   * @example eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIzZDJjMWIwYSJ9.c2lnbmF0dXJl
   */
  accessToken: string;
  /** @example Bearer */
  tokenType: 'Bearer';
  /** Seconds until the token expires. @example 3600 */
  expiresIn: number;
}
