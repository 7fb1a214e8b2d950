import { Controller, Get, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RouteSchema } from '@nestjs/platform-fastify';
import { IntegrationAuthenticated, Public } from '../authz/authenticated.decorator';
import type { FastifyRequest } from 'fastify';
import { ApiProblem } from '../errors/problem.dto';
import type { ApiKeyPrincipal } from '../authz/principal';
import { PING_RESPONSE_SCHEMA, WHOAMI_RESPONSE_SCHEMA } from './dto/response-schemas';
import { PingResponse, WhoamiResponse } from './dto/whoami.dto';

@ApiTags('Integration')
@Controller('integration')
export class IntegrationController {
  @Get('whoami')
  @IntegrationAuthenticated()
  @ApiOperation({
    summary: 'The organization and API key this request is authenticated as',
    description: 'Checks an API key, sent as `Authorization: Bearer <key>` or `X-API-Key: <key>`. ' + 'A key acts for its own organization only.',
  })
  @ApiOkResponse({ type: WhoamiResponse, description: "The key is valid: its organization and the key's identity (masked)." })
  // Serialized by Fastify from a schema rather than by JSON.stringify (dto/response-schemas.ts).
  @RouteSchema({ response: { 200: WHOAMI_RESPONSE_SCHEMA } })
  // @Req rather than a custom parameter decorator: Nest runs the global validation pipe on
  // custom parameters, which was a tenth of this route's cost in `npm run bench`.
  whoami(@Req() request: FastifyRequest): WhoamiResponse {
    const key = request.user as ApiKeyPrincipal;
    return {
      organization: key.organization,
      apiKey: { id: key.apiKeyId, name: key.name, maskedKey: key.maskedKey, permissions: key.permissions, expiresAt: key.expiresAt },
    };
  }

  @Get('ping')
  @Public()
  @ApiOperation({
    summary: 'Check that the API is reachable, without a key',
    description: 'Answers without credentials, so an integration can tell a network problem from a key problem.',
  })
  @ApiOkResponse({ description: 'The API is reachable.', type: PingResponse })
  @RouteSchema({ response: { 200: PING_RESPONSE_SCHEMA } })
  @ApiProblem(400, 'An unknown query parameter: this route takes none.')
  ping(): PingResponse {
    return { status: 'ok', time: new Date() };
  }
}
