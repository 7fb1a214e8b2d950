import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { RouteSchema } from '@nestjs/platform-fastify';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { actorOf } from '../authz/actor';
import { Authenticated } from '../authz/authenticated.decorator';
import { Permission } from '../authz/permissions';
import type { OrganizationAccess } from '../authz/principal';
import { Access, Client, ClientInfo } from '../authz/request.decorators';
import { ApiUuidParam, UuidParam } from '../common/uuid-param';
import { ApiProblem } from '../errors/problem.dto';
import { ApiKeysService } from './api-keys.service';
import {
  ApiKeyListQuery,
  ApiKeyPage,
  ApiKeyUsageResponse,
  ApiKeyUsageQuery,
  ApiKeyResponse,
  AttentionResponse,
  CreateApiKeyRequest,
  CreatedApiKeyResponse,
  RollApiKeyRequest,
  UpdateApiKeyRequest,
} from './dto/api-key.dto';
import { API_KEY_PAGE_RESPONSE_SCHEMA } from './dto/api-key-page.schema';

@ApiTags('API Keys')
@ApiUuidParam('orgId', 'The organization.')
@Controller('orgs/:orgId/api-keys')
export class ApiKeysController {
  constructor(private readonly apiKeys: ApiKeysService) {}

  @Get()
  // Serialized by Fastify from a schema rather than by JSON.stringify (dto/api-key-page.schema.ts).
  @RouteSchema({ response: { 200: API_KEY_PAGE_RESPONSE_SCHEMA } })
  @Authenticated({ anyPermission: [Permission.KeyManage] })
  @ApiOperation({
    summary: "List the organization's API keys (masked), filtered and sorted, newest first by default",
    description:
      'Keys are masked: the full key is only ever in the response that created (or rolled) it. Expired keys are listed too. ' +
      'Pass `q` to list only keys whose name contains it, ignoring case; `status` (repeatable: any of them), `createdBy` and ' +
      '`permission` narrow further, and all the filters combine with AND. `total` counts every key matching them. ' +
      'Pass `nextCursor` back as `cursor` (with the same filters and sort) for the next page, until it is null.',
  })
  @ApiOkResponse({ type: ApiKeyPage, description: 'One page of keys, and how many match.' })
  @ApiProblem(400, 'A bad `limit`, `cursor`, `q`, `status`, `createdBy`, `permission` or `sort`.')
  listApiKeys(@Access() access: OrganizationAccess, @Query() query: ApiKeyListQuery): Promise<ApiKeyPage> {
    return this.apiKeys.list(access.organizationId, query);
  }

  @Post()
  @Authenticated({ anyPermission: [Permission.KeyManage], grants: true })
  @ApiOperation({
    summary: 'Create an API key',
    description:
      'The response holds the full key. It is shown this once and can never be retrieved again. ' +
      'With `expiresAt`, the key is refused from that instant on.',
  })
  @ApiCreatedResponse({ type: CreatedApiKeyResponse, description: 'The new key, with the full `key`.' })
  @ApiProblem(400, 'A bad name, or an `expiresAt` that is not a future RFC 3339 date and time.')
  @ApiProblem(403, 'The key would hold a permission the caller lacks.')
  @ApiProblem(409, 'A key with this name already exists (ignoring case).')
  @ApiProblem(422, "The key would break the organization's key policy (`policy-violation`; `errors` name each field and rule).")
  createApiKey(
    @Access() access: OrganizationAccess,
    @Body() body: CreateApiKeyRequest,
    @Client() client: ClientInfo,
  ): Promise<CreatedApiKeyResponse> {
    return this.apiKeys.create(access, body, actorOf(access, client));
  }

  @Get(':keyId')
  @Authenticated({ anyPermission: [Permission.KeyManage] })
  @ApiUuidParam('keyId', 'The API key.')
  @ApiOperation({ summary: 'Get an API key (masked)' })
  @ApiOkResponse({ type: ApiKeyResponse, description: 'The key.' })
  @ApiProblem(404, 'No such API key in this organization.')
  getApiKey(@Access() access: OrganizationAccess, @UuidParam('keyId') keyId: string): Promise<ApiKeyResponse> {
    return this.apiKeys.get(access.organizationId, keyId);
  }

  @Patch(':keyId')
  @Authenticated({ anyPermission: [Permission.KeyManage], grants: true })
  @ApiUuidParam('keyId', 'The API key.')
  @ApiOperation({
    summary: 'Rename an API key',
    description:
      'The key and its secrets keep working as before. The audit event `api_key.updated` records the old and the new name ' +
      '(`changes: [{field: "name", before: [old], after: [new]}]`).',
  })
  @ApiOkResponse({ type: ApiKeyResponse, description: 'The renamed key.' })
  @ApiProblem(400, 'A bad name, or none.')
  @ApiProblem(403, 'New permissions were sent, and the key would hold afterwards one the caller lacks.')
  @ApiProblem(404, 'No such API key in this organization.')
  @ApiProblem(409, 'A key with this name already exists (ignoring case).')
  @ApiProblem(422, "What the change sets would break the organization's key policy (`policy-violation`).")
  updateApiKey(
    @Access() access: OrganizationAccess,
    @UuidParam('keyId') keyId: string,
    @Body() body: UpdateApiKeyRequest,
    @Client() client: ClientInfo,
  ): Promise<ApiKeyResponse> {
    return this.apiKeys.update(access, keyId, body, actorOf(access, client));
  }

  @Post(':keyId/roll')
  @HttpCode(200)
  @Authenticated({ anyPermission: [Permission.KeyManage], grants: true })
  @ApiUuidParam('keyId', 'The API key.')
  @ApiOperation({
    summary: 'Roll an API key: give it a new secret',
    description:
      'Same key id, name and expiry; a new secret, shown this once in `key`. The secret it replaces keeps working ' +
      'until `previousKeyExpiresAt` (now + `gracePeriodSeconds`); with 0 (the default) it is refused at once, like a ' +
      'deleted key. A secret replaced by an earlier roll is refused at once. The audit event `api_key.rolled` records the ' +
      'grace period (`changes: [{field: "gracePeriodSeconds", before: [], after: ["86400"]}]`). ' +
      'While a secret replaced by an earlier roll still works, a roll is refused (409) unless `replacePrevious` is true.',
  })
  @ApiOkResponse({ type: CreatedApiKeyResponse, description: 'The key, with its new full `key`.' })
  @ApiProblem(400, 'A bad `gracePeriodSeconds`.')
  @ApiProblem(403, 'The key holds a permission the caller lacks: its new secret would hand it over.')
  @ApiProblem(404, 'No such API key in this organization.')
  @ApiProblem(
    409,
    'The secret an earlier roll replaced still works (`previous-secret-still-working`, with `previousKeyExpiresAt`); ' +
      'send `"replacePrevious": true` to stop it at once and roll anyway.',
  )
  @ApiProblem(422, "The key breaks the organization's key policy: fix it before giving it a new secret (`policy-violation`).")
  rollApiKey(
    @Access() access: OrganizationAccess,
    @UuidParam('keyId') keyId: string,
    @Body() body: RollApiKeyRequest,
    @Client() client: ClientInfo,
  ): Promise<CreatedApiKeyResponse> {
    return this.apiKeys.roll(
      access,
      keyId,
      { gracePeriodSeconds: body.gracePeriodSeconds ?? 0, replacePrevious: body.replacePrevious ?? false },
      actorOf(access, client),
    );
  }

  @Get(':keyId/usage')
  @Authenticated({ anyPermission: [Permission.KeyManage] })
  @ApiUuidParam('keyId', 'The API key.')
  @ApiOperation({
    summary: "An API key's requests per UTC day",
    description:
      'Every request the key authenticated (with either secret after a roll), per UTC day, from every server ' +
      'instance, exactly: `days` entries (default 30), oldest first, the last one today, days without requests as 0. ' +
      'Counts reach the database in batches, so the last few seconds may not show yet.',
  })
  @ApiOkResponse({ type: ApiKeyUsageResponse, description: 'The daily counts.' })
  @ApiProblem(400, 'A bad `days`.')
  @ApiProblem(404, 'No such API key in this organization.')
  getApiKeyUsage(
    @Access() access: OrganizationAccess,
    @UuidParam('keyId') keyId: string,
    @Query() query: ApiKeyUsageQuery,
  ): Promise<ApiKeyUsageResponse> {
    return this.apiKeys.usage(access.organizationId, keyId, query.days ?? 30);
  }

  @Delete(':keyId')
  @HttpCode(204)
  @Authenticated({ anyPermission: [Permission.KeyManage] })
  @ApiUuidParam('keyId', 'The API key.')
  @ApiOperation({
    summary: 'Delete an API key',
    description: 'Permanent. From the moment this returns, every request with the key is refused.',
  })
  @ApiNoContentResponse({ description: 'The key is deleted.' })
  @ApiProblem(404, 'No such API key in this organization.')
  async deleteApiKey(@Access() access: OrganizationAccess, @UuidParam('keyId') keyId: string, @Client() client: ClientInfo): Promise<void> {
    await this.apiKeys.remove(access, keyId, actorOf(access, client));
  }
}

@ApiTags('Organizations')
@ApiUuidParam('orgId', 'The organization.')
@Controller('orgs/:orgId/attention')
export class AttentionController {
  constructor(private readonly apiKeys: ApiKeysService) {}

  @Get()
  @Authenticated({ anyPermission: [Permission.KeyManage, Permission.MemberManage], apiKeys: true })
  @ApiOperation({
    summary: 'What needs attention in the organization, as counts',
    description:
      'Keys expiring within 14 days, expired, unused for 90 days; invitations pending and lapsed. Each count matches a ' +
      'filter of its list. Counts of what the caller may not list (keys need `key:manage`, invitations `member:manage`) are null.',
  })
  @ApiOkResponse({ type: AttentionResponse, description: 'The counts.' })
  getAttention(@Access() access: OrganizationAccess): Promise<AttentionResponse> {
    return this.apiKeys.attention(access);
  }
}
