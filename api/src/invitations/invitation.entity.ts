import { randomUUID } from 'node:crypto';
import { Check, Collection, Entity, Index, ManyToMany, ManyToOne, PrimaryKey, PrimaryKeyProp, Property, Unique } from '@mikro-orm/core';
import { ApiKey } from '../api-keys/api-key.entity';
import { Organization } from '../organizations/organization.entity';
import { Role } from '../roles/role.entity';
import { User } from '../auth/user.entity';

/**
 * A pending invitation to join an organization. The link's token is stored
 * only as a digest; accepting, revoking or renewing it removes or replaces
 * that digest, so a link works once at most.
 */
@Entity({ tableName: 'invitation' })
@Unique({ name: 'invitation_organization_email_unique', properties: ['organization', 'email'] })
@Check({ name: 'invitation_email_lower_case', expression: 'email = lower(email)' })
export class Invitation {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Organization, { deleteRule: 'cascade' })
  organization: Organization;

  @Property({ type: 'text' })
  email: string;

  /** The name the inviter gave, offered to a new account as its default. */
  @Property({ type: 'text' })
  name: string;

  @Property({ type: 'text', hidden: true })
  @Unique({ name: 'invitation_token_digest_unique' })
  tokenDigest: string;

  @ManyToMany({ entity: () => Role, pivotEntity: () => InvitationRole })
  roles = new Collection<Role>(this);

  /**
   * The member who made it, or (see `invitedByKey`) the API key. An
   * invitation lasts no longer than its maker: deleting the key, or removing
   * the member from the organization (MembersService), revokes it.
   */
  @ManyToOne(() => User, { nullable: true, deleteRule: 'cascade' })
  invitedBy: User | null;

  @ManyToOne(() => ApiKey, { nullable: true, deleteRule: 'cascade' })
  @Index({ name: 'invitation_invited_by_key_id_index' })
  invitedByKey: ApiKey | null;

  @Property({ type: 'timestamptz', length: 3 })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz', length: 3 })
  expiresAt: Date;

  constructor(organization: Organization, email: string, name: string, tokenDigest: string, invitedBy: User | ApiKey, expiresAt: Date) {
    this.organization = organization;
    this.email = email.toLowerCase();
    this.name = name;
    this.tokenDigest = tokenDigest;
    this.invitedBy = invitedBy instanceof User ? invitedBy : null;
    this.invitedByKey = invitedBy instanceof ApiKey ? invitedBy : null;
    this.expiresAt = expiresAt;
  }
}

/**
 * One invitation email sent: what the limits on invitation emails count, per
 * inviter, organization and recipient. In the database, so every instance
 * counts the same; rows older than the longest window are deleted as new
 * ones are added.
 */
@Entity({ tableName: 'invitation_email' })
@Index({ name: 'invitation_email_recipient_index', properties: ['recipient', 'sentAt'] })
@Index({ name: 'invitation_email_inviter_index', properties: ['inviterId', 'sentAt'] })
@Index({ name: 'invitation_email_organization_index', properties: ['organizationId', 'sentAt'] })
@Index({ name: 'invitation_email_sent_at_index', properties: ['sentAt'] })
export class InvitationEmail {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  /** No foreign keys: a count must outlive the organization, member or key that sent, or a delete would reset it. */
  @Property({ type: 'uuid' })
  organizationId: string;

  /** The member's user id, or the API key's id. */
  @Property({ type: 'uuid' })
  inviterId: string;

  @Property({ type: 'text' })
  recipient: string;

  @Property({ type: 'timestamptz', length: 3 })
  sentAt: Date = new Date();

  constructor(organizationId: string, inviterId: string, recipient: string) {
    this.organizationId = organizationId;
    this.inviterId = inviterId;
    this.recipient = recipient;
  }
}

/** The roles an invitation grants on acceptance; an entity of its own only to declare the index on role_id. */
@Entity({ tableName: 'invitation_role' })
@Index({ name: 'invitation_role_role_id_index', properties: ['role'] })
export class InvitationRole {
  [PrimaryKeyProp]?: ['invitation', 'role'];

  @ManyToOne(() => Invitation, { primary: true, deleteRule: 'cascade' })
  invitation: Invitation;

  @ManyToOne(() => Role, { primary: true, deleteRule: 'cascade' })
  role: Role;

  constructor(invitation: Invitation, role: Role) {
    this.invitation = invitation;
    this.role = role;
  }
}
