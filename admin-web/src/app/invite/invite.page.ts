import { ChangeDetectionStrategy, Component, effect, inject, input, PendingTasks, signal, untracked } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSnackBar } from '@angular/material/snack-bar';
import { Router, RouterLink } from '@angular/router';
import { FIELD_LIMITS, InvitationAcceptedResponse, InvitationDetails, isTptmApiError } from '@tptm/sdk';
import { newPasswordValidators, recheckConfirmation, repeats } from '../account/new-password';
import { TPTM_CLIENT } from '../core/api/tptm-client';
import { ApiErrors } from '../core/errors/api-errors';
import { AuthService } from '../core/session/auth.service';
import { CurrentUser } from '../core/session/current-user';
import { SessionStore } from '../core/session/session.store';
import { ErrorState } from '../shared/error-state';
import { Submission } from '../shared/submission';
import { notBlank } from '../shared/validators';
import { PublicPage } from '../sign-in/public-page';

type State =
  | { kind: 'loading' }
  /** Unknown, used, revoked, replaced or expired: the API does not say which. */
  | { kind: 'gone' }
  | { kind: 'failed'; message: string }
  /** `signedInAs`: the email of the account this tab is signed in as, if any. */
  | { kind: 'open'; invitation: InvitationDetails; signedInAs: string | null };

/**
 * Where an invitation link leads, signed in or not. The API never says
 * whether the address has an account (the inviter may hold the link), so a
 * visitor is offered both ways in: sign in to accept, or choose a name and
 * password to create the account. An existing account accepts while signed
 * in as itself, so that holding the link alone never joins someone else's
 * account to an organization.
 */
@Component({
  selector: 'app-invite-page',
  imports: [ReactiveFormsModule, MatButtonModule, MatFormFieldModule, MatIconModule, MatInputModule, RouterLink, ErrorState, PublicPage],
  templateUrl: './invite.page.html',
  styleUrl: '../sign-in/sign-in.page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class InvitePage {
  private readonly client = inject(TPTM_CLIENT);
  private readonly auth = inject(AuthService);
  private readonly session = inject(SessionStore);
  private readonly user = inject(CurrentUser);
  private readonly errors = inject(ApiErrors);
  private readonly router = inject(Router);
  private readonly snackBar = inject(MatSnackBar);
  private readonly pendingTasks = inject(PendingTasks);

  /** The route's `:token`. */
  readonly token = input.required<string>();

  protected readonly state = signal<State>({ kind: 'loading' });
  private readonly limits = FIELD_LIMITS.AcceptInvitationRequest;
  protected readonly nameMaxLength = this.limits.name.maxLength;
  protected readonly minLength = this.limits.password.minLength;
  protected readonly maxLength = this.limits.password.maxLength;
  protected readonly form = inject(NonNullableFormBuilder).group({
    name: ['', [Validators.required, notBlank, Validators.maxLength(this.nameMaxLength)]],
    password: ['', newPasswordValidators(this.limits.password)],
    confirmation: ['', [Validators.required, repeats('password')]],
  });
  protected readonly submission = new Submission(this.form);
  protected readonly accepting = new Submission();

  constructor() {
    recheckConfirmation(this.form.controls.password, this.form.controls.confirmation);
    effect(() => {
      const token = this.token();
      untracked(() => this.load(token));
    });
  }

  protected async load(token = this.token()): Promise<void> {
    const done = this.pendingTasks.add();
    this.state.set({ kind: 'loading' });
    try {
      const [invitation, me] = await Promise.all([
        this.client.invitations.getInvitation({ token }),
        // Whether this tab may accept for an existing account depends on who it is signed in as.
        this.session.signedIn() ? this.user.ensureLoaded().catch(() => null) : null,
      ]);
      this.state.set({ kind: 'open', invitation, signedInAs: me?.email ?? null });
    } catch (error) {
      this.state.set(this.failed(error));
    } finally {
      done();
    }
  }

  /** A new account: its name and password, and the membership, in one step. */
  protected createAccount(): Promise<void> {
    const { name, password } = this.form.getRawValue();
    return this.submission.run(async () => {
      try {
        await this.accept({ name: name.trim(), password });
      } catch (error) {
        // Sent with no session, a 401 is no expired session: the address already has an account, which signs in to accept.
        if (isTptmApiError(error) && error.status === 401) {
          this.submission.error.set(error.problem.detail ?? error.problem.title);
          return;
        }
        throw error;
      }
    });
  }

  /** An existing account, signed in as itself: the access token is what proves it. */
  protected acceptAsSignedIn(): Promise<void> {
    return this.accepting.run(() => this.accept({}));
  }

  /** Signed in as another account, for an address with none yet: out of it, and back here to create it. */
  protected signOutToCreate(): Promise<void> {
    const here = this.router.url;
    return this.accepting.run(async () => {
      await this.auth.signOut(here);
      await this.router.navigateByUrl(here);
    });
  }

  protected signInToAccept(): void {
    void this.router.navigate(['/sign-in'], { queryParams: { returnUrl: this.router.url } });
  }

  /** Signed in as another account than the one invited: out of it, then back here after signing in as the right one. */
  protected switchAccount(): Promise<void> {
    return this.accepting.run(() => this.auth.signOut(this.router.url));
  }

  protected isInvited(state: { invitation: InvitationDetails; signedInAs: string | null }): boolean {
    return state.signedInAs?.toLowerCase() === state.invitation.email.toLowerCase();
  }

  private async accept(requestBody: { name?: string; password?: string }): Promise<void> {
    let accepted: InvitationAcceptedResponse;
    try {
      accepted = await this.client.invitations.acceptInvitation({ token: this.token(), requestBody });
    } catch (error) {
      if (isTptmApiError(error) && error.status === 404) {
        this.state.set({ kind: 'gone' });
        return;
      }
      throw error;
    }
    this.auth.startSession(accepted);
    this.user.selectOrganization(accepted.organization.id);
    await this.router.navigateByUrl('/');
    this.snackBar.open(`You joined ${accepted.organization.name}`, undefined, { duration: 4000 });
  }

  private failed(error: unknown): State {
    if (isTptmApiError(error) && error.status === 404) return { kind: 'gone' };
    return { kind: 'failed', message: this.errors.handle(error).message };
  }
}
