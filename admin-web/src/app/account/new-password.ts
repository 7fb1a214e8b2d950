import { AbstractControl, ValidationErrors, ValidatorFn, Validators } from '@angular/forms';

/** The lengths the API accepts for a new password, as the spec gives them for the request that sets it (`FIELD_LIMITS`). */
export interface PasswordLimits {
  readonly minLength: number;
  readonly maxLength: number;
}

export function newPasswordValidators({ minLength, maxLength }: PasswordLimits): ValidatorFn[] {
  return [Validators.required, Validators.minLength(minLength), Validators.maxLength(maxLength)];
}

/**
 * For a "confirm password" field: valid only when it repeats the sibling
 * control `password` exactly. Call `recheckConfirmation` too, so that it is
 * checked again when the password changes after it.
 */
export function repeats(password: string): ValidatorFn {
  return (control: AbstractControl<string>): ValidationErrors | null =>
    control.value === control.parent?.get(password)?.value ? null : { mismatch: true };
}

export function recheckConfirmation(password: AbstractControl<string>, confirmation: AbstractControl<string>): void {
  password.valueChanges.subscribe(() => confirmation.updateValueAndValidity());
}
