import { AbstractControl, ValidationErrors } from '@angular/forms';

/** Like Validators.required, but spaces alone do not count: the API trims names. */
export function notBlank(control: AbstractControl<string>): ValidationErrors | null {
  return control.value.trim() === '' ? { required: true } : null;
}

/**
 * Puts the API's messages for fields ("is already in use") on the controls
 * they name, a nested one by its path ("rateLimit.requests"), and says
 * whether any was placed.
 */
export function showFieldErrors(fieldErrors: Record<string, string>, form: AbstractControl): boolean {
  let placed = false;
  for (const [field, message] of Object.entries(fieldErrors)) {
    const control = form.get(field);
    if (!control) continue;
    control.setErrors({ ...control.errors, server: message });
    control.markAsTouched();
    placed = true;
  }
  return placed;
}
