import { randomUUID } from 'node:crypto';
import { Entity, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { User } from './user.entity';

/**
 * A signed-in browser. Access tokens name their session (`sid`) and are
 * refused once it is gone, so signing out, or changing the password, ends a
 * session at once rather than when its token expires. The refresh token that
 * renews it is kept only as a digest; every one it replaced is remembered
 * (`RetiredRefreshToken`), and the last of them here, so a concurrent
 * refresh by a second tab can be told from a replayed copy.
 */
@Entity({ tableName: 'session' })
export class Session {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => User, { deleteRule: 'cascade' })
  @Index({ name: 'session_user_id_index' })
  user: User;

  @Property({ type: 'text', hidden: true })
  @Unique({ name: 'session_refresh_digest_unique' })
  refreshDigest: string;

  @Property({ type: 'text', hidden: true, nullable: true })
  previousRefreshDigest: string | null = null;

  /** When the refresh token was last rotated; a replay of the previous one is tolerated only briefly after. */
  @Property({ type: 'timestamptz', length: 3 })
  refreshedAt: Date = new Date();

  @Property({ type: 'timestamptz', length: 3 })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz', length: 3 })
  expiresAt: Date;

  constructor(user: User, refreshDigest: string, expiresAt: Date) {
    this.user = user;
    this.refreshDigest = refreshDigest;
    this.expiresAt = expiresAt;
  }
}
