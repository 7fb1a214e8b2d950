import { IsString, MaxLength } from 'class-validator';
import { HasNoControlCharacters } from '../../errors/validation';
import { EMAIL_MAX_LENGTH, PASSWORD_MAX_LENGTH } from '../../common/validators';

export class LoginRequest {
  /** @example admin@example.com */
  @IsString({ message: 'must be a string' })
  @MaxLength(EMAIL_MAX_LENGTH, { message: `must be at most ${EMAIL_MAX_LENGTH} characters long` })
  @HasNoControlCharacters()
  email: string;

  /** @example correct-horse-battery-staple */
  @IsString({ message: 'must be a string' })
  @MaxLength(PASSWORD_MAX_LENGTH, { message: `must be at most ${PASSWORD_MAX_LENGTH} characters long` })
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
