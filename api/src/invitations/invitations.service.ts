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
import { Mailer } from '../mail/mailer';
import type { AddMemberRequest } from '../members/dto/member.dto';
import { Membership } from '../members/membership.entity';
import { lockOrganization } from '../organizations/organizations.service';
import { Organization } from '../organizations/organization.entity';
import { compareRoles } from '../roles/role.entity';
import { authorizeRoles, RolesService } from '../roles/roles.service';
import { User } from '../auth/user.entity';
import { AcceptInvitationRequest, InvitationCreatedResponse, InvitationDetails, InvitationList, InvitationResponse } from './dto/invitation.dto';
import { Invitation } from './invitation.entity';

export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;
const LINK_GONE = 'It may have been used, revoked or replaced, or it expired: ask whoever invited you for a new one.';

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

  async invite(access: OrganizationAccess, body: AddMemberRequest, actor: AuditActorRef, requestOrigin: string): Promise<InvitationCreatedResponse> {
    const email = body.email.toLowerCase();
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
      // A second invitation to the same address replaces the first, whose link stops working.
      await tx.nativeDelete(Invitation, { organization: access.organizationId, email });
      const invitation = new Invitation(
        tx.getReference(Organization, access.organizationId),
        email,
        body.name,
        digest,
        access.actor.type === 'user' ? await tx.findOneOrFail(User, access.actor.id) : null,
        new Date(Date.now() + INVITATION_TTL_MS),
      );
      invitation.roles.set(roles);
      tx.persist(invitation);
      this.audit.record(tx, access.organizationId, 'invitation.created', actor, { type: 'invitation', id: invitation.id, name: email });
      return { invitation, token };
    });
    return this.created(invitation, token, access, requestOrigin);
  }

  async list(organizationId: string): Promise<InvitationList> {
    const invitations = await this.em
      .fork()
      .find(Invitation, { organization: organizationId }, { populate: ['roles', 'invitedBy'], orderBy: { createdAt: 'desc', id: 'desc' } });
    return { items: invitations.map(toResponse) };
  }

  async renew(access: OrganizationAccess, invitationId: string, actor: AuditActorRef, requestOrigin: string): Promise<InvitationCreatedResponse> {
    const { invitation, token } = await this.em.fork().transactional(async (tx) => {
      const invitation = await this.findInOrganization(tx, access.organizationId, invitationId);
      // Renewing hands out a new way in with the same roles: only someone who could grant them may.
      const { token, digest } = authorizeRoles(access, invitation.roles.getItems()).mintInvitationToken();
      invitation.tokenDigest = digest;
      invitation.expiresAt = new Date(Date.now() + INVITATION_TTL_MS);
      this.audit.record(tx, access.organizationId, 'invitation.renewed', actor, { type: 'invitation', id: invitation.id, name: invitation.email });
      return { invitation, token };
    });
    return this.created(invitation, token, access, requestOrigin);
  }

  async revoke(access: OrganizationAccess, invitationId: string, actor: AuditActorRef): Promise<void> {
    await this.em.fork().transactional(async (tx) => {
      const invitation = await this.findInOrganization(tx, access.organizationId, invitationId);
      this.audit.record(tx, access.organizationId, 'invitation.revoked', actor, { type: 'invitation', id: invitation.id, name: invitation.email });
      tx.remove(invitation);
    });
  }

  /** What the invitee's page shows before they accept. Holding the link is what entitles them to see it. */
  async describe(token: string): Promise<InvitationDetails> {
    const em = this.em.fork();
    const invitation = await this.findLive(em, token);
    const accountExists = (await em.count(User, { email: invitation.email })) > 0;
    return { organization: { name: invitation.organization.name }, email: invitation.email, accountExists };
  }

  async accept(
    token: string,
    body: AcceptInvitationRequest,
    caller: UserPrincipal | undefined,
    client: ClientInfo,
  ): Promise<SignedIn & { organization: { id: string; name: string } }> {
    const preview = await this.findLive(this.em.fork(), token);
    const account = await this.em.fork().findOne(User, { email: preview.email }, { fields: ['id'] });
    if (account) {
      if (!caller) throw unauthorized(`Sign in as ${preview.email} to accept this invitation.`);
      if (caller.userId !== account.id) {
        throw new ProblemException('forbidden', `This invitation is for ${preview.email}. Sign in as that account to accept it.`);
      }
    } else if (body.password === undefined) {
      throw validationFailed([{ field: 'password', message: 'is required to create your account (12 to 256 characters)' }]);
    }
    // The slow hash stays outside the transaction.
    const passwordHash = account ? undefined : await this.passwords.hash(body.password!);

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
        { type: 'user', id: user.id, name: user.name, client },
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
    const invitation = await em.findOne(Invitation, { id: invitationId, organization: organizationId }, { populate: ['roles', 'invitedBy'] });
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

  private created(invitation: Invitation, token: string, access: OrganizationAccess, requestOrigin: string): InvitationCreatedResponse {
    const { actor } = access;
    const inviter = actor.type === 'user' ? `${actor.name} (${actor.email})` : `The integration "${actor.name}"`;
    const inviteUrl = `${this.config.publicUrl ?? requestOrigin}/invite/${token}`;
    if (this.mailer.enabled) {
      this.mailer.sendLater({
        to: invitation.email,
        subject: `${inviter} invited you to an organization on TPTM`,
        text:
          `${inviter} invited you to join their organization on TPTM API Keys.\n\n` +
          `To accept, open this link within 7 days:\n${inviteUrl}\n\n` +
          'If you did not expect this, ignore this email: nothing happens until the link is opened.',
      });
    }
    return { invitation: toResponse(invitation), inviteUrl };
  }
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
    invitedBy: invitation.invitedBy ? { id: invitation.invitedBy.id, name: invitation.invitedBy.name } : null,
  };
}
