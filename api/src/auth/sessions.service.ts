import { LockMode } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { generateSecretToken, secretTokenDigest } from '../common/secret-token';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { preparedQuery } from '../database/prepared-query';
import { User } from './user.entity';
import { RetiredRefreshToken } from './retired-refresh-token.entity';
import { Session } from './session.entity';

/**
 * Two tabs that open at once both present the same refresh token; the
 * second finds it already rotated. Within this window that is a race, not a
 * replay: the second tab gets an access token and keeps the cookie the
 * first one set. Later, the old token can only be a copy, and the session
 * it belonged to ends.
 */
export const REFRESH_RACE_WINDOW_MS = 30_000;

export interface StartedSession {
  sessionId: string;
  userId: string;
  /** The new refresh token, for the cookie; absent when the browser already holds the current one. */
  refreshToken?: string;
}

@Injectable()
export class SessionsService {
  constructor(
    private readonly em: EntityManager,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async start(userId: string, em: EntityManager = this.em.fork()): Promise<StartedSession> {
    const { token, digest } = generateSecretToken('rt');
    const session = new Session(em.getReference(User, userId), digest, this.idleExpiry());
    await em.persist(session).flush();
    return { sessionId: session.id, userId, refreshToken: token };
  }

  /**
   * Rotates the refresh token; undefined when it names no live session. A
   * token the session already replaced ends the session (a copy is in other
   * hands), unless it is the one just replaced, within the race window.
   */
  async refresh(refreshToken: unknown): Promise<StartedSession | undefined> {
    const digest = secretTokenDigest('rt', refreshToken);
    if (!digest) return undefined;
    const em = this.em.fork();
    return em.transactional(async (tx) => {
      const now = new Date();
      const current = await tx.findOne(Session, { refreshDigest: digest }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (current) {
        if (current.expiresAt <= now) {
          tx.remove(current);
          return undefined;
        }
        const { token, digest: next } = generateSecretToken('rt');
        tx.persist(new RetiredRefreshToken(current, digest));
        current.previousRefreshDigest = digest;
        current.refreshDigest = next;
        current.refreshedAt = now;
        current.expiresAt = this.idleExpiry();
        return { sessionId: current.id, userId: current.user.id, refreshToken: token };
      }
      const retired = await tx.findOne(RetiredRefreshToken, { digest }, { populate: ['session'] });
      if (!retired) return undefined;
      const session = retired.session;
      const racing = session.previousRefreshDigest === digest && now.getTime() - session.refreshedAt.getTime() <= REFRESH_RACE_WINDOW_MS;
      if (racing && session.expiresAt > now) {
        return { sessionId: session.id, userId: session.user.id };
      }
      await tx.nativeDelete(Session, { id: session.id });
      return undefined;
    });
  }

  /** Whether an access token's session still stands: one primary-key lookup per console request. */
  async isActive(sessionId: string, userId: string): Promise<boolean> {
    const rows = await preparedQuery<{ id: string }>(
      this.em,
      'session_is_active',
      'select id from session where id = ? and user_id = ? and expires_at > now()',
      [sessionId, userId],
    );
    return rows.length > 0;
  }

  async end(sessionId: string): Promise<void> {
    await this.em.fork().nativeDelete(Session, { id: sessionId });
  }

  /** Ends every session of the account but `keep` (the one changing its password, if any). */
  async endAll(userId: string, keep?: string, em: EntityManager = this.em.fork()): Promise<void> {
    await em.nativeDelete(Session, keep ? { user: userId, id: { $ne: keep } } : { user: userId });
  }

  private idleExpiry(): Date {
    return new Date(Date.now() + this.config.sessionIdleSeconds * 1000);
  }
}
