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
import { generateApiKey } from './key-format';
import { LastUsedTracker } from './last-used.tracker';

@Injectable()
export class ApiKeysService {
  constructor(
    private readonly em: EntityManager,
    private readonly audit: AuditService,
    private readonly lastUsed: LastUsedTracker,
  ) {}

  async list(organizationId: string, limit: number, cursor: string | undefined): Promise<ApiKeyPage> {
    const rows = await this.em.fork().getRepository(ApiKey).page(organizationId, decodeCursor(cursor), limit);
    return toPage(rows, limit, (k) => ({ at: k.createdAt, id: k.id }), toResponse);
  }

  async create(access: OrganizationAccess, name: string, actor: AuditActorRef): Promise<CreatedApiKeyResponse> {
    const em = this.em.fork();
    const { key, digest, maskedKey } = generateApiKey();
    const creator = em.getReference(User, access.user.id);
    const apiKey = new ApiKey(em.getReference(Organization, access.organizationId), name, digest, maskedKey, creator);
    em.persist(apiKey);
    this.audit.record(em, access.organizationId, 'api_key.created', actor, { type: 'api_key', id: apiKey.id, name });
    await flushNamed(em, name);
    return {
      ...toResponse(apiKey),
      createdBy: { id: access.user.id, name: access.user.name, email: access.user.email },
      key,
    };
  }

  async remove(access: OrganizationAccess, apiKeyId: string, actor: AuditActorRef): Promise<void> {
    const em = this.em.fork();
    const apiKey = await em.findOne(ApiKey, { id: apiKeyId, organization: access.organizationId });
    if (!apiKey) throw notFound('API key');
    em.remove(apiKey);
    this.audit.record(em, access.organizationId, 'api_key.deleted', actor, { type: 'api_key', id: apiKey.id, name: apiKey.name });
    await em.flush();
    this.lastUsed.forget(apiKey.id);
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
