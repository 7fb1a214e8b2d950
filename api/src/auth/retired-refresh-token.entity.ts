import { Entity, Index, ManyToOne, PrimaryKey } from '@mikro-orm/core';
import { Session } from './session.entity';

/**
 * A refresh token its session has replaced, kept (as a digest) for as long
 * as the session lasts: whoever presents one later holds a copy, however
 * many rotations ago it was taken, and the whole session ends.
 */
@Entity({ tableName: 'retired_refresh_token' })
export class RetiredRefreshToken {
  @PrimaryKey({ type: 'text', hidden: true })
  digest: string;

  @ManyToOne(() => Session, { deleteRule: 'cascade' })
  @Index({ name: 'retired_refresh_token_session_id_index' })
  session: Session;

  constructor(session: Session, digest: string) {
    this.session = session;
    this.digest = digest;
  }
}
