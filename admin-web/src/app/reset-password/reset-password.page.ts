import { ChangeDetectionStrategy, Component, effect, inject, input, PendingTasks, signal, untracked } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSnackBar } from '@angular/material/snack-bar';
import { Router, RouterLink } from '@angular/router';
import { AccessTokenResponse, FIELD_LIMITS, isTptmApiError } from '@tptm/sdk';
import { newPasswordValidators, recheckConfirmation, repeats } from '../account/new-password';
import { TPTM_CLIENT } from '../core/api/tptm-client';
import { ApiErrors } from '../core/errors/api-errors';
import { AuthService } from '../core/session/auth.service';
import { ErrorState } from '../shared/error-state';
import { Submission } from '../shared/submission';
import { PublicPage } from '../sign-in/public-page';

type State =
  | { kind: 'loading' }
  /** Unknown, used or expired: the API does not say which. */
  | { kind: 'gone' }
  | { kind: 'failed'; message: string }
  | { kind: 'open'; email: string };

/** Where a password-reset link leads: a new password for its account, which also signs in. */
@Component({
  selector: 'app-reset-password-page',
  imports: [ReactiveFormsModule, MatButtonModule, MatFormFieldModule, MatIconModule, MatInputModule, RouterLink, ErrorState, PublicPage],
  templateUrl: './reset-password.page.html',
  styleUrl: '../sign-in/sign-in.page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ResetPasswordPage {
  private readonly client = inject(TPTM_CLIENT);
  private readonly auth = inject(AuthService);
  private readonly errors = inject(ApiErrors);
  private readonly router = inject(Router);
  private readonly snackBar = inject(MatSnackBar);
  private readonly pendingTasks = inject(PendingTasks);

  /** The route's `:token`. */
  readonly token = input.required<string>();

  protected readonly state = signal<State>({ kind: 'loading' });
  private readonly limits = FIELD_LIMITS.CompletePasswordResetRequest.newPassword;
  protected readonly minLength = this.limits.minLength;
  protected readonly maxLength = this.limits.maxLength;
  protected readonly form = inject(NonNullableFormBuilder).group({
    newPassword: ['', newPasswordValidators(this.limits)],
    confirmation: ['', [Validators.required, repeats('newPassword')]],
  });
  protected readonly submission = new Submission(this.form);

  constructor() {
    recheckConfirmation(this.form.controls.newPassword, this.form.controls.confirmation);
    effect(() => {
      const token = this.token();
      untracked(() => this.load(token));
    });
  }

  protected async load(token = this.token()): Promise<void> {
    const done = this.pendingTasks.add();
    this.state.set({ kind: 'loading' });
    try {
      const { email } = await this.client.auth.getPasswordReset({ token });
      this.state.set({ kind: 'open', email });
    } catch (error) {
      const gone = isTptmApiError(error) && error.status === 404;
      this.state.set(gone ? { kind: 'gone' } : { kind: 'failed', message: this.errors.handle(error).message });
    } finally {
      done();
    }
  }

  protected save(): Promise<void> {
    return this.submission.run(async () => {
      let signedIn: AccessTokenResponse;
      try {
        signedIn = await this.client.auth.completePasswordReset({
          token: this.token(),
          requestBody: { newPassword: this.form.controls.newPassword.value },
        });
      } catch (error) {
        if (isTptmApiError(error) && error.status === 404) {
          this.state.set({ kind: 'gone' });
          return;
        }
        throw error;
      }
      this.auth.startSession(signedIn);
      await this.router.navigateByUrl('/');
      this.snackBar.open('Password changed', undefined, { duration: 4000 });
    });
  }
}
