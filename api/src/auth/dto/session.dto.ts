import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { IsEmailAddress, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../../common/validators';
import { HasNoControlCharacters } from '../../errors/validation';

export class PasswordResetRequest {
  /** @example grace@example.com */
  @IsEmailAddress()
  @HasNoControlCharacters()
  email: string;
}

export class CompletePasswordResetRequest {
  /** 12 to 256 characters. @example correct-horse-battery-staple */
  @IsString({ message: 'must be a string' })
  @Length(PASSWORD_MIN_LENGTH, PASSWORD_MAX_LENGTH, { message: `must be ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters long` })
  newPassword: string;
}

export class PasswordResetDetails {
  /** The account whose password the link resets. @example grace@example.com */
  email: string;
}

export class SignInOptions {
  /**
   * `email` when this server can email a reset link (the console then offers
   * "Forgot password?"); `operator` when only the server's operator can make one.
   * @example email
   */
  @ApiProperty({ enum: ['email', 'operator'], enumName: 'PasswordResetMode' })
  passwordReset: 'email' | 'operator';
}
