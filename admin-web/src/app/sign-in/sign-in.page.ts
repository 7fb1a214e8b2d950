import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { Router } from '@angular/router';
import { isTptmApiError } from '@tptm/sdk';
import { SESSION_EXPIRED } from '../core/errors/api-errors';
import { AuthService } from '../core/session/auth.service';

@Component({
  selector: 'app-sign-in-page',
  imports: [ReactiveFormsModule, MatButtonModule, MatCardModule, MatFormFieldModule, MatIconModule, MatInputModule, MatProgressBarModule],
  templateUrl: './sign-in.page.html',
  styleUrl: './sign-in.page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SignInPage {
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);

  /** Query parameters: why the user is here, and where they were going. */
  readonly reason = input<string>();
  readonly returnUrl = input<string>();

  protected readonly sessionExpired = SESSION_EXPIRED;
  protected readonly form = inject(NonNullableFormBuilder).group({
    email: ['', [Validators.required]],
    password: ['', [Validators.required]],
  });
  protected readonly submitting = signal(false);
  protected readonly error = signal<string | null>(null);

  protected async submit(): Promise<void> {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const { email, password } = this.form.getRawValue();
    this.submitting.set(true);
    this.error.set(null);
    try {
      await this.auth.signIn(email.trim(), password);
      await this.router.navigateByUrl(this.safeReturnUrl());
    } catch (error) {
      this.error.set(this.describe(error));
      this.form.controls.password.reset();
    } finally {
      this.submitting.set(false);
    }
  }

  /** Only a path inside the console, so that a crafted link cannot send the user elsewhere. */
  private safeReturnUrl(): string {
    const url = this.returnUrl();
    return url && url.startsWith('/') && !url.startsWith('//') ? url : '/';
  }

  private describe(error: unknown): string {
    if (!isTptmApiError(error)) return 'Could not reach the server. Check your connection and try again.';
    if (error.status === 401) return 'The email or password is incorrect.';
    return error.problem.detail ?? error.problem.title;
  }
}
