import { afterNextRender, ChangeDetectionStrategy, Component, ElementRef, inject, Injector, input, signal, viewChild } from '@angular/core';
import { FormGroupDirective, NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { Router } from '@angular/router';
import { isTptmApiError, PasswordResetMode } from '@tptm/sdk';
import { TPTM_CLIENT } from '../core/api/tptm-client';
import { SESSION_EXPIRED } from '../core/errors/api-errors';
import { AuthService } from '../core/session/auth.service';
import { Submission } from '../shared/submission';
import { PublicPage } from './public-page';

@Component({
  selector: 'app-sign-in-page',
  imports: [ReactiveFormsModule, MatButtonModule, MatFormFieldModule, MatIconModule, MatInputModule, PublicPage],
  templateUrl: './sign-in.page.html',
  styleUrl: './sign-in.page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SignInPage {
  private readonly auth = inject(AuthService);
  private readonly client = inject(TPTM_CLIENT);
  private readonly router = inject(Router);
  private readonly injector = inject(Injector);
  private readonly formBuilder = inject(NonNullableFormBuilder);

  /** Query parameters: why the user is here, and where they were going. */
  readonly reason = input<string>();
  readonly returnUrl = input<string>();

  protected readonly sessionExpired = SESSION_EXPIRED;
  protected readonly mode = signal<'sign-in' | 'forgot' | 'sent'>('sign-in');
  /** How this server resets a forgotten password: "email" or "operator"; null until it has said. */
  protected readonly passwordReset = signal<PasswordResetMode | null>(null);
  protected readonly PasswordResetMode = PasswordResetMode;
  protected readonly form = this.formBuilder.group({
    email: ['', [Validators.required, Validators.email]],
    password: ['', [Validators.required]],
  });
  protected readonly submitting = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly resetForm = this.formBuilder.group({
    email: ['', [Validators.required, Validators.email]],
  });
  protected readonly resetRequest = new Submission(this.resetForm);

  private readonly signInEmail = viewChild<ElementRef<HTMLInputElement>>('signInEmail');
  private readonly signInPassword = viewChild<ElementRef<HTMLInputElement>>('signInPassword');
  private readonly signInForm = viewChild(FormGroupDirective);
  private readonly resetEmail = viewChild<ElementRef<HTMLInputElement>>('resetEmail');
  private readonly backButton = viewChild('backButton', { read: ElementRef<HTMLButtonElement> });

  constructor() {
    this.client.auth.getSignInOptions().then(
      (options) => this.passwordReset.set(options.passwordReset),
      // Without an answer the page offers no reset; signing in works regardless.
      () => undefined,
    );
    // Signing in is the only thing to do here.
    afterNextRender(() => this.signInEmail()?.nativeElement.focus());
  }

  protected async submit(): Promise<void> {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      // The first field in error, where the message under it is read out and the fix is typed.
      (this.form.controls.email.invalid ? this.signInEmail() : this.signInPassword())?.nativeElement.focus();
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
      // The password is typed again, into an empty field: the message above says why, so the field
      // must not add "Enter your password." as it would for a form submitted empty.
      this.signInForm()?.resetForm({ email, password: '' });
      afterNextRender(() => this.signInPassword()?.nativeElement.focus(), { injector: this.injector });
    } finally {
      this.submitting.set(false);
    }
  }

  protected forgotPassword(): void {
    this.resetForm.reset({ email: this.form.controls.email.value.trim() });
    this.resetRequest.error.set(null);
    this.show('forgot', this.resetEmail);
  }

  protected requestReset(): Promise<void> {
    return this.resetRequest.run(async () => {
      await this.client.auth.requestPasswordReset({ requestBody: { email: this.resetForm.controls.email.value.trim() } });
      this.show('sent', this.backButton);
    });
  }

  protected backToSignIn(): void {
    this.show('sign-in', this.signInEmail);
  }

  /** The form that had focus is gone: focus goes to the next step's first control. */
  private show(mode: 'sign-in' | 'forgot' | 'sent', next: () => ElementRef<HTMLElement> | undefined): void {
    this.mode.set(mode);
    afterNextRender(() => next()?.nativeElement.focus(), { injector: this.injector });
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
