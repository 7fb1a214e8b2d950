import { Body, Controller, Delete, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { userActor } from '../audit/actor';
import { Authenticated } from '../authz/authenticated.decorator';
import { Permission } from '../authz/permissions';
import type { OrganizationAccess } from '../authz/principal';
import { Access, Client, ClientInfo } from '../authz/request.decorators';
import { PageQuery } from '../common/dto/page-query.dto';
import { DEFAULT_PAGE_SIZE } from '../common/pagination';
import { ApiUuidParam, UuidParam } from '../common/uuid-param';
import { ApiProblem } from '../errors/problem.dto';
import { ApiKeysService } from './api-keys.service';
import { ApiKeyPage, CreateApiKeyRequest, CreatedApiKeyResponse } from './dto/api-key.dto';

@ApiTags('API Keys')
@ApiUuidParam('orgId', 'The organization.')
@Controller('orgs/:orgId/api-keys')
export class ApiKeysController {
  constructor(private readonly apiKeys: ApiKeysService) {}

  @Get()
  @Authenticated({ anyPermission: [Permission.KeyManage] })
  @ApiOperation({
    summary: "List the organization's API keys, newest first (masked)",
    description:
      'Keys are masked: the full key is only ever in the response that created it. ' +
      'Pass `nextCursor` back as `cursor` for the next page, until it is null.',
  })
  @ApiOkResponse({ type: ApiKeyPage, description: 'One page of keys, newest first.' })
  @ApiProblem(400, 'A bad `limit` or `cursor`.')
  listApiKeys(@Access() access: OrganizationAccess, @Query() query: PageQuery): Promise<ApiKeyPage> {
    return this.apiKeys.list(access.organizationId, query.limit ?? DEFAULT_PAGE_SIZE, query.cursor);
  }

  @Post()
  @Authenticated({ anyPermission: [Permission.KeyManage] })
  @ApiOperation({
    summary: 'Create an API key',
    description: 'The response holds the full key. It is shown this once and can never be retrieved again.',
  })
  @ApiCreatedResponse({ type: CreatedApiKeyResponse, description: 'The new key, with the full `key`.' })
  @ApiProblem(400, 'A bad name.')
  @ApiProblem(409, 'A key with this name already exists (ignoring case).')
  createApiKey(
    @Access() access: OrganizationAccess,
    @Body() body: CreateApiKeyRequest,
    @Client() client: ClientInfo,
  ): Promise<CreatedApiKeyResponse> {
    return this.apiKeys.create(access, body.name, userActor(access, client));
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
  async deleteApiKey(
    @Access() access: OrganizationAccess,
    @UuidParam('keyId') keyId: string,
    @Client() client: ClientInfo,
  ): Promise<void> {
    await this.apiKeys.remove(access, keyId, userActor(access, client));
  }
}
