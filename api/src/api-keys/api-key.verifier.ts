import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type { ApiKeyPrincipal } from '../authz/principal';
import { ApiKey } from './api-key.entity';
import { digestApiKey, isWellFormedApiKey } from './key-format';
import { LastUsedTracker } from './last-used.tracker';

@Injectable()
export class ApiKeyVerifier {
  constructor(
    private readonly em: EntityManager,
    private readonly lastUsed: LastUsedTracker,
  ) {}

  /**
   * The principal a presented key acts as, or null. Malformed keys and bad
   * checksums are refused before anything is hashed or queried; well-formed
   * ones are looked up by digest, so the secret is never compared directly.
   */
  async verify(candidate: string): Promise<ApiKeyPrincipal | null> {
    if (!isWellFormedApiKey(candidate)) return null;
    const found = await this.em.getRepository(ApiKey).findVerifiedKey(digestApiKey(candidate));
    if (!found) return null;
    this.lastUsed.touch(found.apiKeyId, found.lastUsedAt);
    const { lastUsedAt: _, ...principal } = found;
    return principal;
  }
}
