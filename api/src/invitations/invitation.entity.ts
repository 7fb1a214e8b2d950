import { randomUUID } from 'node:crypto';
import { Check, Collection, Entity, Index, ManyToMany, ManyToOne, PrimaryKey, PrimaryKeyProp, Property, Unique } from '@mikro-orm/core';
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

  @ManyToOne(() => User, { nullable: true, deleteRule: 'set null' })
  invitedBy: User | null;

  @Property({ type: 'timestamptz', length: 3 })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz', length: 3 })
  expiresAt: Date;

  constructor(organization: Organization, email: string, name: string, tokenDigest: string, invitedBy: User | null, expiresAt: Date) {
    this.organization = organization;
    this.email = email.toLowerCase();
    this.name = name;
    this.tokenDigest = tokenDigest;
    this.invitedBy = invitedBy;
    this.expiresAt = expiresAt;
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
