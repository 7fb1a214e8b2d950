import { randomUUID } from 'node:crypto';
import { Entity, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { User } from './user.entity';

/** A one-time link to set a new password, stored only as a digest and deleted when used. */
@Entity({ tableName: 'password_reset' })
export class PasswordReset {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => User, { deleteRule: 'cascade' })
  @Index({ name: 'password_reset_user_id_index' })
  user: User;

  @Property({ type: 'text', hidden: true })
  @Unique({ name: 'password_reset_token_digest_unique' })
  tokenDigest: string;

  @Property({ type: 'timestamptz', length: 3 })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz', length: 3 })
  expiresAt: Date;

  constructor(user: User, tokenDigest: string, expiresAt: Date) {
    this.user = user;
    this.tokenDigest = tokenDigest;
    this.expiresAt = expiresAt;
  }
}
