import { Body, Controller, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated } from '../authz/authenticated.decorator';
import type { UserPrincipal } from '../authz/principal';
import { Client, ClientInfo, CurrentUser } from '../authz/request.decorators';
import { ApiProblem } from '../errors/problem.dto';
import { CreateOrganizationRequest, OrganizationResponse } from './dto/organization.dto';
import { OrganizationsService } from './organizations.service';

@ApiTags('Organizations')
@Controller('orgs')
export class OrganizationsController {
  constructor(private readonly organizations: OrganizationsService) {}

  @Post()
  @Authenticated()
  @ApiOperation({
    summary: 'Create an organization; the signed-in user becomes its Owner',
    description:
      'Open to any signed-in user, unless the server sets `TPTM_ORG_CREATION=operators`: then to its operators only. ' +
      'The organization starts with the built-in Owner, Admin and Member roles.',
  })
  @ApiCreatedResponse({ type: OrganizationResponse, description: 'The new organization.' })
  @ApiProblem(400, 'A bad name.')
  @ApiProblem(403, 'This server lets only its operators create organizations.')
  createOrganization(
    @CurrentUser() user: UserPrincipal,
    @Body() body: CreateOrganizationRequest,
    @Client() client: ClientInfo,
  ): Promise<OrganizationResponse> {
    return this.organizations.create(user.userId, body.name, client);
  }
}
