import { LockMode } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type { AuditActorRef } from '../audit/audit.service';
import { AuditService } from '../audit/audit.service';
import type { OrganizationAccess } from '../authz/principal';
import { decodeCursor, toPage } from '../common/pagination';
import { notFound } from '../errors/problem';
import { Organization } from '../organizations/organization.entity';
import { flushNamed } from '../roles/roles.service';
import { User } from '../users/user.entity';
import { ApiKey } from './api-key.entity';
import { ApiKeyPage, ApiKeyResponse, CreatedApiKeyResponse } from './dto/api-key.dto';
import { KeyCache } from './key-cache';
import { generateApiKey } from './key-format';
import { LastUsedTracker } from './last-used.tracker';
import { publishRevocation } from './revocation-feed';

@Injectable()
export class ApiKeysService {
  constructor(
    private readonly em: EntityManager,
    private readonly audit: AuditService,
    private readonly lastUsed: LastUsedTracker,
    private readonly cache: KeyCache,
  ) {}

  async list(organizationId: string, limit: number, cursor: string | undefined): Promise<ApiKeyPage> {
    const rows = await this.em.fork().getRepository(ApiKey).page(organizationId, decodeCursor(cursor), limit);
    return toPage(rows, limit, (k) => ({ at: k.createdAt, id: k.id }), toResponse);
  }

  async create(access: OrganizationAccess, name: string, actor: AuditActorRef): Promise<CreatedApiKeyResponse> {
    const em = this.em.fork();
    const { key, digest, maskedKey } = generateApiKey();
    const organization = await em.findOneOrFail(Organization, access.organizationId);
    const creator = em.getReference(User, access.user.id);
    const apiKey = new ApiKey(organization, name, digest, maskedKey, creator);
    em.persist(apiKey);
    this.audit.record(em, access.organizationId, 'api_key.created', actor, { type: 'api_key', id: apiKey.id, name });
    const epoch = this.cache.epoch;
    await flushNamed(em, name);
    // The integration that receives this key usually calls right away: let that first call hit the cache.
    this.cache.set(
      digest,
      {
        kind: 'apiKey',
        apiKeyId: apiKey.id,
        name: apiKey.name,
        maskedKey,
        organization: { id: organization.id, name: organization.name },
        lastUsedAt: null,
      },
      epoch,
    );
    return {
      ...toResponse(apiKey),
      createdBy: { id: access.user.id, name: access.user.name, email: access.user.email },
      key,
    };
  }

  /**
   * Deletes the key and, in the same transaction, tells every instance to
   * forget it; this instance forgets it before answering, so the key is
   * refused from the moment the DELETE returns.
   */
  async remove(access: OrganizationAccess, apiKeyId: string, actor: AuditActorRef): Promise<void> {
    await this.em.fork().transactional(async (tx) => {
      // Locked, so a second DELETE of the same key waits for this one and then finds nothing (404),
      // rather than also answering 204 and writing a second audit event.
      const apiKey = await tx.findOne(ApiKey, { id: apiKeyId, organization: access.organizationId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!apiKey) throw notFound('API key');
      tx.remove(apiKey);
      this.audit.record(tx, access.organizationId, 'api_key.deleted', actor, { type: 'api_key', id: apiKey.id, name: apiKey.name });
      await tx.flush();
      await publishRevocation(tx, apiKey.id);
    });
    this.cache.revoke(apiKeyId);
    this.lastUsed.forget(apiKeyId);
  }
}

function toResponse(apiKey: ApiKey): ApiKeyResponse {
  const creator = apiKey.createdBy;
  return {
    id: apiKey.id,
    name: apiKey.name,
    maskedKey: apiKey.maskedKey,
    createdAt: apiKey.createdAt,
    createdBy: creator ? { id: creator.id, name: creator.name, email: creator.email } : null,
    lastUsedAt: apiKey.lastUsedAt,
  };
}
