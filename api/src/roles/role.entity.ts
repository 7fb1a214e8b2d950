import { randomUUID } from 'node:crypto';
import { ArrayType, Entity, Enum, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Organization } from '../organizations/organization.entity';
import { BuiltInRole } from '../authz/built-in-roles';
import type { Permission } from '../authz/permissions';

@Entity({ tableName: 'role' })
@Unique({
  name: 'role_organization_name_unique',
  expression: 'create unique index "role_organization_name_unique" on "role" ("organization_id", lower("name"))',
})
export class Role {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Organization, { deleteRule: 'cascade' })
  @Index({ name: 'role_organization_id_index' })
  organization: Organization;

  @Property({ type: 'text' })
  name: string;

  @Property({ type: 'text', default: '' })
  description: string = '';

  @Property({ type: ArrayType })
  permissions: Permission[];

  /** Set for the three roles every organization is created with; those are read-only. */
  @Enum({ items: () => BuiltInRole, nullable: true })
  builtIn: BuiltInRole | null = null;

  @Property({ type: 'timestamptz', length: 3 })
  createdAt: Date = new Date();

  constructor(organization: Organization, name: string, permissions: Permission[], builtIn: BuiltInRole | null = null) {
    this.organization = organization;
    this.name = name;
    this.permissions = permissions;
    this.builtIn = builtIn;
  }
}

const BUILT_IN_ORDER = [BuiltInRole.Owner, BuiltInRole.Admin, BuiltInRole.Member];

/** Owner, Admin, Member first, then custom roles by name. */
export function compareRoles(a: Role, b: Role): number {
  return rank(a) - rank(b) || a.name.localeCompare(b.name, 'en', { sensitivity: 'base' }) || a.id.localeCompare(b.id);
}

function rank(role: Role): number {
  return role.builtIn ? BUILT_IN_ORDER.indexOf(role.builtIn) : BUILT_IN_ORDER.length;
}

export const isOwnerRole = (role: Role) => role.builtIn === BuiltInRole.Owner;
