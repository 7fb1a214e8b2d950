import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { IntegrationAuthenticated, Public } from '../authz/authenticated.decorator';
import type { ApiKeyPrincipal } from '../authz/principal';
import { CurrentApiKey } from '../authz/request.decorators';
import { PingResponse, WhoamiResponse } from './dto/whoami.dto';

@ApiTags('Integration')
@Controller('integration')
export class IntegrationController {
  @Get('whoami')
  @IntegrationAuthenticated()
  @ApiOperation({ summary: 'The organization and API key this request is authenticated as' })
  whoami(@CurrentApiKey() key: ApiKeyPrincipal): WhoamiResponse {
    return {
      organization: key.organization,
      apiKey: { id: key.apiKeyId, name: key.name, maskedKey: key.maskedKey },
    };
  }

  @Get('ping')
  @Public()
  @ApiOperation({ summary: 'Check that the API is reachable, without a key' })
  ping(): PingResponse {
    return { status: 'ok', time: new Date() };
  }
}
