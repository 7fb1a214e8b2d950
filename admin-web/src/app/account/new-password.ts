import { AbstractControl, ValidationErrors, ValidatorFn, Validators } from '@angular/forms';

/** What the API accepts for a password, wherever one is chosen. */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

export const newPasswordValidators: ValidatorFn[] = [
  Validators.required,
  Validators.minLength(PASSWORD_MIN_LENGTH),
  Validators.maxLength(PASSWORD_MAX_LENGTH),
];

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
