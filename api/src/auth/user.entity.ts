import { randomUUID } from 'node:crypto';
import { Check, Entity, PrimaryKey, Property, Unique } from '@mikro-orm/core';

@Entity({ tableName: 'app_user' })
@Check({ name: 'app_user_email_lower_case', expression: 'email = lower(email)' })
export class User {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  /** Stored lower-cased, so lookups are exact and the unique constraint is case-insensitive. */
  @Property({ type: 'text' })
  @Unique({ name: 'app_user_email_unique' })
  email: string;

  @Property({ type: 'text' })
  name: string;

  /** scrypt hash in PHC-like form; never serialized. */
  @Property({ type: 'text', hidden: true, lazy: true })
  passwordHash: string;

  @Property({ type: 'timestamptz', length: 3 })
  createdAt: Date = new Date();

  constructor(email: string, name: string, passwordHash: string) {
    this.email = email.toLowerCase();
    this.name = name;
    this.passwordHash = passwordHash;
  }
}
