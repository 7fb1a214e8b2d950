import { Controller, Delete, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { actorOf } from '../authz/actor';
import { Authenticated } from '../authz/authenticated.decorator';
import { Permission } from '../authz/permissions';
import type { OrganizationAccess } from '../authz/principal';
import { Access, Client, ClientInfo } from '../authz/request.decorators';
import { ApiUuidParam, UuidParam } from '../common/uuid-param';
import { ApiProblem } from '../errors/problem.dto';
import { InvitationCreatedResponse, InvitationList } from './dto/invitation.dto';
import { InvitationsService } from './invitations.service';
import { requestOrigin } from '../common/request-origin';

@ApiTags('Members')
@ApiUuidParam('orgId', 'The organization.')
@Controller('orgs/:orgId/invitations')
export class InvitationsController {
  constructor(private readonly invitations: InvitationsService) {}

  @Get()
  @Authenticated({ anyPermission: [Permission.MemberManage], apiKeys: true })
  @ApiOperation({
    summary: 'List the invitations not yet accepted',
    description: 'Newest first. Expired ones stay listed (status `expired`) until renewed or revoked.',
  })
  @ApiOkResponse({ type: InvitationList, description: "The organization's pending invitations." })
  listInvitations(@Access() access: OrganizationAccess): Promise<InvitationList> {
    return this.invitations.list(access.organizationId);
  }

  @Post(':invitationId/renew')
  @Authenticated({ anyPermission: [Permission.MemberManage], apiKeys: true, grants: true })
  @ApiUuidParam('invitationId', 'The invitation.')
  @ApiOperation({
    summary: 'Renew an invitation: a new link, valid 7 days',
    description:
      'The old link stops working at once. With SMTP configured the new one is emailed to the invited address only; ' +
      'without, it is in this response only. Emails count against the limits on invitation emails.',
  })
  @ApiCreatedResponse({ type: InvitationCreatedResponse, description: 'The invitation, and its new link when the server sends no email.' })
  @ApiProblem(400, 'No TPTM_PUBLIC_URL, and the Host header is not a plain host[:port] to make the link with.')
  @ApiProblem(403, 'The invitation grants a permission the caller lacks.')
  @ApiProblem(404, 'No such invitation in this organization.')
  @ApiProblem(429, 'The caller, the organization or the address has reached its limit of invitation emails; see Retry-After.')
  renewInvitation(
    @Access() access: OrganizationAccess,
    @UuidParam('invitationId') invitationId: string,
    @Client() client: ClientInfo,
    @Req() request: FastifyRequest,
  ): Promise<InvitationCreatedResponse> {
    return this.invitations.renew(access, invitationId, actorOf(access, client), () => requestOrigin(request));
  }

  @Delete(':invitationId')
  @HttpCode(204)
  @Authenticated({ anyPermission: [Permission.MemberManage], apiKeys: true })
  @ApiUuidParam('invitationId', 'The invitation.')
  @ApiOperation({ summary: 'Revoke an invitation', description: 'Its link stops working at once.' })
  @ApiNoContentResponse({ description: 'The invitation is revoked.' })
  @ApiProblem(404, 'No such invitation in this organization.')
  async revokeInvitation(
    @Access() access: OrganizationAccess,
    @UuidParam('invitationId') invitationId: string,
    @Client() client: ClientInfo,
  ): Promise<void> {
    await this.invitations.revoke(access, invitationId, actorOf(access, client));
  }
}
