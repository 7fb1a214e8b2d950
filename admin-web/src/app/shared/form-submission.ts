import { inject, signal } from '@angular/core';
import { FormGroup } from '@angular/forms';
import { ApiErrors } from '../core/errors/api-errors';
import { showFieldErrors } from './validators';

/**
 * The submit of a dialog's form: ignored while one is under way, refused
 * while the form is invalid, and when the API says no, its messages go on the
 * fields they name, or else into `error` above the buttons.
 * Create it in a field initializer (it injects ApiErrors).
 */
export class FormSubmission {
  readonly submitting = signal(false);
  readonly error = signal<string | null>(null);
  private readonly errors = inject(ApiErrors);

  constructor(private readonly form: FormGroup) {}

  async run(send: () => Promise<void>): Promise<void> {
    if (this.submitting()) return;
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.submitting.set(true);
    this.error.set(null);
    try {
      await send();
    } catch (error) {
      const failure = this.errors.handle(error);
      if (!showFieldErrors(this.errors.fieldErrors(error), this.form.controls)) this.error.set(failure.message);
    } finally {
      this.submitting.set(false);
    }
  }
}
