import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import type { AuditActorRef } from '../audit/audit.service';
import { AuditService } from '../audit/audit.service';
import type { SignedIn } from '../auth/auth.service';
import { AuthService } from '../auth/auth.service';
import { PasswordHasher } from '../auth/password-hasher';
import type { OrganizationAccess, UserPrincipal } from '../authz/principal';
import type { ClientInfo } from '../authz/request.decorators';
import { secretTokenDigest } from '../common/secret-token';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { notFound, ProblemException, unauthorized, validationFailed } from '../errors/problem';
import { ApiKey } from '../api-keys/api-key.entity';
import { Mailer } from '../mail/mailer';
import type { AddMemberRequest } from '../members/dto/member.dto';
import { Membership } from '../members/membership.entity';
import { lockOrganization } from '../organizations/organizations.service';
import { Organization } from '../organizations/organization.entity';
import { compareRoles } from '../roles/role.entity';
import { authorizeRoles, RolesService } from '../roles/roles.service';
import { User } from '../auth/user.entity';
import {
  AcceptInvitationRequest,
  InvitationCreatedResponse,
  InvitationDetails,
  InvitationList,
  InvitationResponse,
  InvitedBy,
} from './dto/invitation.dto';
import { Invitation, InvitationEmail } from './invitation.entity';

export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;
const LINK_GONE = 'It may have been used, revoked or replaced, or it expired: ask whoever invited you for a new one.';

const HOUR = 3600;
/**
 * How many invitation emails the server sends, so that it cannot be used to
 * flood a mailbox or to send phishing in bulk (docs/security.md, "Invitation
 * emails"). Counted in the database, so every instance shares the counts.
 */
export const INVITATION_EMAIL_LIMITS = {
  /** To one address, from every organization together. */
  recipient: { max: 3, windowSeconds: 24 * HOUR },
  /** From one member (across their organizations) or one API key. */
  inviter: { max: 20, windowSeconds: HOUR },
  /** From one organization, all its members and keys together. */
  organization: { max: 50, windowSeconds: HOUR },
} as const;

/**
 * Members join by invitation only. No organization ever learns or sets the
 * password of an account that another organization will trust, nor whether
 * an account exists for an email: the invitee proves they own the address
 * by holding the link, and an existing account must also be signed in as
 * itself to accept (docs/security.md, "Account pre-hijacking").
 */
@Injectable()
export class InvitationsService {
  constructor(
    private readonly em: EntityManager,
    private readonly roles: RolesService,
    private readonly audit: AuditService,
    private readonly auth: AuthService,
    private readonly passwords: PasswordHasher,
    private readonly mailer: Mailer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** `requestOrigin` is asked only without TPTM_PUBLIC_URL, and before anything is stored, since it refuses a Host it cannot use. */
  async invite(
    access: OrganizationAccess,
    body: AddMemberRequest,
    actor: AuditActorRef,
    requestOrigin: () => string,
  ): Promise<InvitationCreatedResponse> {
    const email = body.email.toLowerCase();
    const origin = this.config.publicUrl ?? requestOrigin();
    const { invitation, token } = await this.em.fork().transactional(async (tx) => {
      await lockOrganization(tx, access.organizationId);
      const roles = await this.roles.findInOrganization(tx, access.organizationId, body.roleIds, 'roleIds');
      // The link carries the roles to whoever holds it, the inviter first.
      const { token, digest } = authorizeRoles(access, roles).mintInvitationToken();
      if (await tx.count(Membership, { organization: access.organizationId, user: { email } })) {
        throw new ProblemException('alreadyMember', `${email} is already a member of this organization.`, [
          { field: 'email', message: 'is already a member' },
        ]);
      }
      await this.countEmail(tx, access, email);
      // A second invitation to the same address replaces the first, whose link stops working.
      await tx.nativeDelete(Invitation, { organization: access.organizationId, email });
      const invitation = new Invitation(
        tx.getReference(Organization, access.organizationId),
        email,
        body.name,
        digest,
        access.actor.type === 'user' ? await tx.findOneOrFail(User, access.actor.id) : await tx.findOneOrFail(ApiKey, access.actor.id),
        new Date(Date.now() + INVITATION_TTL_MS),
      );
      invitation.roles.set(roles);
      tx.persist(invitation);
      this.audit.record(tx, access.organizationId, 'invitation.created', actor, { type: 'invitation', id: invitation.id, name: email });
      return { invitation, token };
    });
    return this.created(invitation, token, access, origin);
  }

  async list(organizationId: string): Promise<InvitationList> {
    const invitations = await this.em
      .fork()
      .find(
        Invitation,
        { organization: organizationId },
        { populate: ['roles', 'invitedBy', 'invitedByKey'], orderBy: { createdAt: 'desc', id: 'desc' } },
      );
    return { items: invitations.map(toResponse) };
  }

  async renew(
    access: OrganizationAccess,
    invitationId: string,
    actor: AuditActorRef,
    requestOrigin: () => string,
  ): Promise<InvitationCreatedResponse> {
    const origin = this.config.publicUrl ?? requestOrigin();
    const { invitation, token } = await this.em.fork().transactional(async (tx) => {
      // The lock acceptance takes, so a renewal does not answer with a link to an invitation just accepted.
      await lockOrganization(tx, access.organizationId);
      const invitation = await this.findInOrganization(tx, access.organizationId, invitationId);
      // Renewing hands out a new way in with the same roles: only someone who could grant them may.
      const { token, digest } = authorizeRoles(access, invitation.roles.getItems()).mintInvitationToken();
      await this.countEmail(tx, access, invitation.email);
      invitation.tokenDigest = digest;
      invitation.expiresAt = new Date(Date.now() + INVITATION_TTL_MS);
      this.audit.record(tx, access.organizationId, 'invitation.renewed', actor, { type: 'invitation', id: invitation.id, name: invitation.email });
      return { invitation, token };
    });
    return this.created(invitation, token, access, origin);
  }

  async revoke(access: OrganizationAccess, invitationId: string, actor: AuditActorRef): Promise<void> {
    await this.em.fork().transactional(async (tx) => {
      // The lock acceptance takes: a revocation answered 204 means nobody joined with the link, and nobody will.
      await lockOrganization(tx, access.organizationId);
      const invitation = await this.findInOrganization(tx, access.organizationId, invitationId);
      this.audit.record(tx, access.organizationId, 'invitation.revoked', actor, { type: 'invitation', id: invitation.id, name: invitation.email });
      tx.remove(invitation);
    });
  }

  /**
   * What the invitee's page shows before they accept. Holding the link is
   * what entitles them to see it; it never says whether the email has an
   * account, since without SMTP the holder may be the inviter.
   */
  async describe(token: string): Promise<InvitationDetails> {
    const invitation = await this.findLive(this.em.fork(), token);
    return { organization: { name: invitation.organization.name }, email: invitation.email };
  }

  async accept(
    token: string,
    body: AcceptInvitationRequest,
    caller: UserPrincipal | undefined,
    client: ClientInfo,
  ): Promise<SignedIn & { organization: { id: string; name: string } }> {
    const preview = await this.findLive(this.em.fork(), token);
    const account = await this.em.fork().findOne(User, { email: preview.email }, { fields: ['id'] });
    const asInvitee = caller !== undefined && caller.userId === account?.id;
    // Each refusal depends on the request alone, never on whether the email has an account: the
    // one answer that tells is the account's creation, which only the link's holder can ask for,
    // and with SMTP that is the mailbox's owner (docs/security.md, "Whether an email has an account").
    if (!asInvitee && caller) {
      throw new ProblemException(
        'forbidden',
        `This invitation is for ${preview.email}. Sign in as that account to accept it, or sign out to create it if it does not exist.`,
      );
    }
    if (!asInvitee && body.password === undefined) {
      throw validationFailed([
        {
          field: 'password',
          message: `is required to create the account for ${preview.email} (12 to 256 characters); if it already has one, sign in as it and accept again`,
        },
      ]);
    }
    // The slow hash stays outside the transaction, and is made whether or not the account exists, so the time taken does not tell.
    const passwordHash = asInvitee ? undefined : await this.passwords.hash(body.password!);
    if (account && !asInvitee) throw unauthorized(`${preview.email} already has an account: sign in as it to accept this invitation.`);

    return this.em.fork().transactional(async (tx) => {
      // Serializes acceptances (and membership changes) in the organization, so a link is used once.
      await lockOrganization(tx, preview.organization.id);
      const invitation = await this.findLive(tx, token);
      let user = await tx.findOne(User, { email: invitation.email });
      if (!user) {
        if (!passwordHash) throw new ProblemException('unavailable', 'The account changed while the invitation was being accepted; try again.');
        user = new User(invitation.email, body.name ?? invitation.name, passwordHash);
        tx.persist(user);
      } else if (user.id !== caller?.userId) {
        throw unauthorized(`Sign in as ${invitation.email} to accept this invitation.`);
      }
      if (await tx.count(Membership, { organization: invitation.organization, user })) {
        tx.remove(invitation);
        await tx.flush();
        throw new ProblemException('alreadyMember', `${invitation.email} is already a member of this organization.`);
      }
      const membership = new Membership(invitation.organization, user);
      membership.roles.set(invitation.roles.getItems());
      tx.persist(membership);
      this.audit.record(
        tx,
        invitation.organization.id,
        'member.added',
        { type: 'user', id: user.id, name: user.name, email: user.email, maskedKey: null, client },
        {
          type: 'member',
          id: user.id,
          name: user.name,
        },
      );
      tx.remove(invitation);
      try {
        await tx.flush();
      } catch (error) {
        if (error instanceof UniqueConstraintViolationException) {
          throw new ProblemException('unavailable', 'The account changed while the invitation was being accepted; try again.');
        }
        throw error;
      }
      const signedIn = await this.auth.signIn(user.id, tx);
      return { ...signedIn, organization: { id: invitation.organization.id, name: invitation.organization.name } };
    });
  }

  private async findInOrganization(em: EntityManager, organizationId: string, invitationId: string): Promise<Invitation> {
    const invitation = await em.findOne(
      Invitation,
      { id: invitationId, organization: organizationId },
      {
        populate: ['roles', 'invitedBy', 'invitedByKey'],
      },
    );
    if (!invitation) throw notFound('Invitation');
    return invitation;
  }

  private async findLive(em: EntityManager, token: string): Promise<Invitation> {
    const digest = secretTokenDigest('inv', token);
    const invitation = digest
      ? await em.findOne(Invitation, { tokenDigest: digest, expiresAt: { $gt: new Date() } }, { populate: ['organization', 'roles'] })
      : null;
    if (!invitation) throw notFound('Invitation', LINK_GONE);
    return invitation;
  }

  /**
   * Counts an invitation email against the limits, or refuses it with 429,
   * within the inviting transaction (which holds the organization's lock):
   * the per-inviter and per-recipient counts span organizations, so each
   * takes a lock of its own, always in the same order, so that requests in
   * flight together cannot all slip under a limit.
   */
  private async countEmail(tx: EntityManager, access: OrganizationAccess, recipient: string): Promise<void> {
    if (!this.mailer.enabled) return;
    const inviterId = access.actor.id;
    await tx.execute('select pg_advisory_xact_lock(hashtextextended(?, 0))', [`invitation-email:inviter:${inviterId}`]);
    await tx.execute('select pg_advisory_xact_lock(hashtextextended(?, 0))', [`invitation-email:recipient:${recipient}`]);
    const { recipient: perRecipient, inviter: perInviter, organization: perOrganization } = INVITATION_EMAIL_LIMITS;
    const checks = [
      {
        limit: perRecipient,
        where: { recipient },
        refusal: `${recipient} has been sent ${perRecipient.max} invitations in the last 24 hours, the most it gets`,
      },
      {
        limit: perInviter,
        where: { inviterId },
        refusal: `${access.actor.type === 'user' ? 'You have' : 'This key has'} sent ${perInviter.max} invitation emails in the last hour, the most allowed`,
      },
      {
        limit: perOrganization,
        where: { organizationId: access.organizationId },
        refusal: `This organization has sent ${perOrganization.max} invitation emails in the last hour, the most allowed`,
      },
    ];
    const now = Date.now();
    for (const { limit, where, refusal } of checks) {
      const since = new Date(now - limit.windowSeconds * 1000);
      const recent = await tx.find(
        InvitationEmail,
        { ...where, sentAt: { $gt: since } },
        { orderBy: { sentAt: 'desc' }, limit: limit.max, fields: ['sentAt'] },
      );
      if (recent.length < limit.max) continue;
      // Room comes back when the oldest of the last `max` emails leaves the window.
      const retryAfter = Math.max(1, Math.ceil((recent[limit.max - 1].sentAt.getTime() + limit.windowSeconds * 1000 - now) / 1000));
      throw new ProblemException('tooManyInvitations', `${refusal}. Try again in ${formatWait(retryAfter)}.`, undefined, {
        'Retry-After': String(retryAfter),
      });
    }
    const longest = Math.max(perRecipient.windowSeconds, perInviter.windowSeconds, perOrganization.windowSeconds);
    await tx.nativeDelete(InvitationEmail, { sentAt: { $lt: new Date(now - longest * 1000) } });
    tx.persist(new InvitationEmail(access.organizationId, inviterId, recipient));
  }

  /**
   * With SMTP, the link goes to the invited mailbox and nowhere else: the
   * answer does not hold it, so the inviter can neither choose the password
   * of a new account nor learn, by trying the link, whether one exists.
   * Without SMTP the inviter must hand it over, so the answer holds it.
   */
  private created(invitation: Invitation, token: string, access: OrganizationAccess, origin: string): InvitationCreatedResponse {
    const inviteUrl = `${origin}/invite/${token}`;
    if (!this.mailer.enabled) return { invitation: toResponse(invitation), inviteUrl };
    this.mailer.sendLater({
      to: invitation.email,
      subject: 'Invitation to join an organization on TPTM API Keys',
      text: invitationEmail(access, origin, inviteUrl),
    });
    return { invitation: toResponse(invitation) };
  }
}

/**
 * The invitation email. Names an inviter or organization chose are theirs,
 * not the server's: they stay out of the subject and the first lines, and
 * appear quoted, under a line that says who wrote them, so that a name such
 * as "IT Security: your mailbox is suspended" reads as a name.
 */
function invitationEmail(access: OrganizationAccess, origin: string, inviteUrl: string): string {
  const { actor } = access;
  const sender =
    actor.type === 'user'
      ? [`The account ${actor.email} invited you. Its name and the organization's, as written by whoever invited you:`, `  Name: "${actor.name}"`]
      : [`An API key of the organization invited you. Its name and the organization's, as written by whoever invited you:`, `  Key: "${actor.name}"`];
  return [
    `You are invited to join an organization on TPTM API Keys (${origin}).`,
    '',
    ...sender,
    `  Organization: "${access.organizationName}"`,
    'TPTM API Keys did not write or check them: trust no instruction, link or request in them.',
    '',
    'To accept, open this link within 7 days:',
    inviteUrl,
    '',
    'If you did not expect this invitation, ignore this email: nothing happens unless the link is opened and accepted.',
  ].join('\n');
}

function formatWait(seconds: number): string {
  if (seconds < 120) return `${seconds} seconds`;
  if (seconds < 2 * 3600) return `${Math.ceil(seconds / 60)} minutes`;
  return `${Math.ceil(seconds / 3600)} hours`;
}

function toResponse(invitation: Invitation): InvitationResponse {
  return {
    id: invitation.id,
    email: invitation.email,
    roles: invitation.roles
      .getItems()
      .sort(compareRoles)
      .map((r) => ({ id: r.id, name: r.name })),
    status: invitation.expiresAt > new Date() ? 'pending' : 'expired',
    expiresAt: invitation.expiresAt,
    createdAt: invitation.createdAt,
    invitedBy: invitedBy(invitation),
  };
}

function invitedBy(invitation: Invitation): InvitedBy | null {
  const { invitedBy: user, invitedByKey: key } = invitation;
  if (user) return { type: 'user', id: user.id, name: user.name };
  if (key) return { type: 'apiKey', id: key.id, name: key.name, maskedKey: key.maskedKey };
  return null;
}
