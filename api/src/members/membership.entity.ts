import { randomUUID } from 'node:crypto';
import { Collection, Entity, Index, ManyToMany, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Organization } from '../organizations/organization.entity';
import { Role } from '../roles/role.entity';
import { User } from '../users/user.entity';

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

  @ManyToMany({ entity: () => Role, pivotTable: 'membership_role', joinColumn: 'membership_id', inverseJoinColumn: 'role_id' })
  roles = new Collection<Role>(this);

  @Property({ type: 'timestamptz', length: 3 })
  createdAt: Date = new Date();

  constructor(organization: Organization, user: User) {
    this.organization = organization;
    this.user = user;
  }
}
