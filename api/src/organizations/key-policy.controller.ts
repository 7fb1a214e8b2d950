import { Body, Controller, Get, HttpCode, Post, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { actorOf } from '../authz/actor';
import { Authenticated } from '../authz/authenticated.decorator';
import { Permission } from '../authz/permissions';
import type { OrganizationAccess } from '../authz/principal';
import { Access, Client, ClientInfo } from '../authz/request.decorators';
import { ApiUuidParam } from '../common/uuid-param';
import { ApiProblem } from '../errors/problem.dto';
import { KeyPolicy, KeyPolicyDryRun } from './dto/key-policy.dto';
import { KeyPolicyService } from './key-policy.service';

@ApiTags('Organizations')
@ApiUuidParam('orgId', 'The organization.')
@Controller('orgs/:orgId/key-policy')
export class KeyPolicyController {
  constructor(private readonly policies: KeyPolicyService) {}

  @Get()
  @Authenticated({ anyPermission: [Permission.OrgManage] })
  @ApiOperation({ summary: "The organization's key policy: the rules its keys must follow, and what happens to a leaked key" })
  @ApiOkResponse({ type: KeyPolicy, description: 'The policy (the defaults if it was never set).' })
  getKeyPolicy(@Access() access: OrganizationAccess): Promise<KeyPolicy> {
    return this.policies.get(access.organizationId);
  }

  @Put()
  @Authenticated({ anyPermission: [Permission.OrgManage] })
  @ApiOperation({
    summary: "Replace the organization's key policy",
    description:
      'Takes the whole policy. Creating, changing or rolling a key that breaks it is refused (`422` `policy-violation`); ' +
      'keys made before it are not changed, but are listed with `policyViolations` and refused at use (`403` ' +
      '`policy-violation`) until fixed, on every instance from the next request. Audited as `key_policy.updated`.',
  })
  @ApiOkResponse({ type: KeyPolicy, description: 'The policy now in force.' })
  @ApiProblem(400, 'A missing or bad field.')
  putKeyPolicy(@Access() access: OrganizationAccess, @Body() body: KeyPolicy, @Client() client: ClientInfo): Promise<KeyPolicy> {
    return this.policies.put(access, body, actorOf(access, client));
  }

  @Post('dry-run')
  @HttpCode(200)
  @Authenticated({ anyPermission: [Permission.OrgManage] })
  @ApiOperation({
    summary: 'How many keys a key policy would refuse, without saving it',
    description: 'For stating the consequences of a policy before saving it. Changes nothing.',
  })
  @ApiOkResponse({ type: KeyPolicyDryRun, description: 'The count.' })
  @ApiProblem(400, 'A missing or bad field.')
  dryRunKeyPolicy(@Access() access: OrganizationAccess, @Body() body: KeyPolicy): Promise<KeyPolicyDryRun> {
    return this.policies.dryRun(access.organizationId, body);
  }
}
