import { randomUUID } from 'node:crypto';
import { Collection, Entity, Index, ManyToMany, ManyToOne, PrimaryKey, PrimaryKeyProp, Property, Unique } from '@mikro-orm/core';
import { Organization } from '../organizations/organization.entity';
import { Role } from '../roles/role.entity';
import { User } from '../auth/user.entity';

@Entity({ tableName: 'membership' })
@Unique({ name: 'membership_organization_user_unique', properties: ['organization', 'user'] })
export class Membership {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Organization, { deleteRule: 'cascade' })
  organization: Organization;

  @ManyToOne(() => User, { deleteRule: 'cascade' })
  @Index({ name: 'membership_user_id_index' })
  user: User;

  @ManyToMany({ entity: () => Role, pivotEntity: () => MembershipRole })
  roles = new Collection<Role>(this);

  @Property({ type: 'timestamptz', length: 3 })
  createdAt: Date = new Date();

  constructor(organization: Organization, user: User) {
    this.organization = organization;
    this.user = user;
  }
}

/** The roles a membership holds; an entity of its own only to declare the index on role_id. */
@Entity({ tableName: 'membership_role' })
@Index({ name: 'membership_role_role_id_index', properties: ['role'] })
export class MembershipRole {
  [PrimaryKeyProp]?: ['membership', 'role'];

  @ManyToOne(() => Membership, { primary: true, deleteRule: 'cascade' })
  membership: Membership;

  @ManyToOne(() => Role, { primary: true, deleteRule: 'cascade' })
  role: Role;

  constructor(membership: Membership, role: Role) {
    this.membership = membership;
    this.role = role;
  }
}
