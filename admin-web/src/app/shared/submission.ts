import { inject, signal } from '@angular/core';
import { FormGroup } from '@angular/forms';
import { ApiErrors } from '../core/errors/api-errors';
import { showFieldErrors } from './validators';

/**
 * The one action a dialog sends to the API: ignored while one is under way,
 * and when the API says no, its message goes into `error` above the buttons.
 * Given the dialog's form, it is also refused while the form is invalid, and
 * the API's messages go on the fields they name where it can.
 * Create it in a field initializer (it injects ApiErrors).
 */
export class Submission {
  readonly submitting = signal(false);
  readonly error = signal<string | null>(null);
  private readonly errors = inject(ApiErrors);

  constructor(private readonly form?: FormGroup) {}

  async run(send: () => Promise<void>): Promise<void> {
    if (this.submitting()) return;
    if (this.form?.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.submitting.set(true);
    this.error.set(null);
    try {
      await send();
    } catch (error) {
      const failure = this.errors.handle(error);
      const onFields = this.form && showFieldErrors(this.errors.fieldErrors(error), this.form);
      if (!onFields) this.error.set(failure.message);
    } finally {
      this.submitting.set(false);
    }
  }
}
