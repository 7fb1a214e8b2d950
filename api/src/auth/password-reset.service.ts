import { LockMode } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { generateSecretToken, secretTokenDigest } from '../common/secret-token';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { notFound, ProblemException } from '../errors/problem';
import { loggableError } from '../errors/to-problem';
import { Mailer } from '../mail/mailer';
import { User } from './user.entity';
import { AuthService, SignedIn } from './auth.service';
import { PasswordHasher } from './password-hasher';
import { PasswordReset } from './password-reset.entity';
import { SessionsService } from './sessions.service';

const RESET_TTL_MS = 60 * 60 * 1000;
/** One email per account per minute, so the form cannot be used to flood someone's inbox. */
const RESEND_AFTER_MS = 60 * 1000;

/** Where people reach the console: TPTM_PUBLIC_URL, or this server on the loopback interface. */
export const consoleOrigin = (config: AppConfig) => config.publicUrl ?? `http://localhost:${config.port}`;

const linkGone = () =>
  notFound('Password reset link', 'It may have been used already, or expired, or the password changed since: ask for a new one.');

/** Ends every reset link of the account: a link made before a password change must not outlive it. */
export async function revokePasswordResets(em: EntityManager, userId: string): Promise<void> {
  await em.nativeDelete(PasswordReset, { user: userId });
}

/**
 * A one-time link for the account, replacing any earlier one; undefined when
 * there is no such account. Shared by the emailed reset and the operator's
 * `npm run reset-password`, which runs without the rest of the server.
 */
export async function createPasswordResetLink(
  em: EntityManager,
  email: string,
  origin: string,
  { throttle = false } = {},
): Promise<{ link: string; email: string } | undefined> {
  return em.transactional(async (tx) => {
    // The account's row is locked, so requests that arrive together take turns: the throttle sees the link
    // the one before made, and a password change (which revokes links) is either before this one or after.
    const user = await tx.findOne(User, { email: email.trim().toLowerCase() }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!user) return undefined;
    const recent = await tx.findOne(PasswordReset, { user, createdAt: { $gt: new Date(Date.now() - RESEND_AFTER_MS) } });
    if (throttle && recent) return undefined;
    await revokePasswordResets(tx, user.id);
    const { token, digest } = generateSecretToken('pwr');
    tx.persist(new PasswordReset(user, digest, new Date(Date.now() + RESET_TTL_MS)));
    return { link: `${origin}/reset-password/${token}`, email: user.email };
  });
}

/**
 * Forgotten passwords. A reset link is the only way back in besides an
 * operator, so it is single use, valid one hour, and using it ends every
 * session of the account (whoever knew the old password is signed out).
 */
@Injectable()
export class PasswordResetService {
  private readonly logger = new Logger(PasswordResetService.name);

  constructor(
    private readonly em: EntityManager,
    private readonly auth: AuthService,
    private readonly sessions: SessionsService,
    private readonly passwords: PasswordHasher,
    private readonly mailer: Mailer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Answers the same whatever the email, and at once: the lookup and the
   * mail happen after the reply, so neither the answer nor its timing says
   * whether an account exists.
   */
  requestByEmail(email: string): void {
    if (!this.mailer.enabled) {
      throw new ProblemException(
        'notConfigured',
        'This server cannot send email. Ask its operator to run `npm run reset-password -- <email>`, which prints a reset link.',
      );
    }
    void this.emailLink(email).catch((error: unknown) => {
      this.logger.warn({ err: loggableError(error) }, 'a password-reset link could not be made');
    });
  }

  private async emailLink(requested: string): Promise<void> {
    const created = await createPasswordResetLink(this.em.fork(), requested, consoleOrigin(this.config), { throttle: true });
    if (!created) return;
    // To the address on the account, whatever case or spacing the form was given.
    const { link, email } = created;
    this.mailer.sendLater({
      to: email,
      subject: 'Reset your TPTM password',
      text:
        `Someone asked to reset the password of the TPTM account ${email}.\n\n` +
        `To choose a new password, open this link within the hour:\n${link}\n\n` +
        'If it was not you, ignore this email: your password stays as it is.',
    });
  }

  async describe(token: string): Promise<{ email: string }> {
    const reset = await this.findLive(this.em.fork(), token);
    return { email: reset.user.email };
  }

  async complete(token: string, newPassword: string): Promise<SignedIn> {
    // Hashed first: the slow part stays outside the transaction.
    const passwordHash = await this.passwords.hash(newPassword);
    return this.em.fork().transactional(async (tx) => {
      const reset = await this.findLive(tx, token);
      // Claimed by deleting it: of uses that arrive together, only the one whose delete removes the row goes on
      // (the others wait on its row lock, then find it gone).
      if ((await tx.nativeDelete(PasswordReset, { id: reset.id })) === 0) throw linkGone();
      const user = reset.user;
      user.passwordHash = passwordHash;
      await revokePasswordResets(tx, user.id);
      await this.sessions.endAll(user.id, undefined, tx);
      await tx.flush();
      return this.auth.signIn(user.id, tx);
    });
  }

  private async findLive(em: EntityManager, token: string): Promise<PasswordReset> {
    const digest = secretTokenDigest('pwr', token);
    const reset = digest ? await em.findOne(PasswordReset, { tokenDigest: digest, expiresAt: { $gt: new Date() } }, { populate: ['user'] }) : null;
    if (!reset) throw linkGone();
    return reset;
  }
}
