import { Body, Controller, Delete, Get, HttpCode, Post, Put, Req } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { actorOf } from '../authz/actor';
import { Authenticated } from '../authz/authenticated.decorator';
import { Permission } from '../authz/permissions';
import type { OrganizationAccess } from '../authz/principal';
import { Access, Client, ClientInfo } from '../authz/request.decorators';
import { ApiUuidParam, UuidParam } from '../common/uuid-param';
import { ApiProblem } from '../errors/problem.dto';
import { InvitationCreatedResponse } from '../invitations/dto/invitation.dto';
import { InvitationsService } from '../invitations/invitations.service';
import { requestOrigin } from '../common/request-origin';
import { AddMemberRequest, MemberList, MemberResponse, SetMemberRolesRequest } from './dto/member.dto';
import { MembersService } from './members.service';

@ApiTags('Members')
@ApiUuidParam('orgId', 'The organization.')
@Controller('orgs/:orgId/members')
export class MembersController {
  constructor(
    private readonly members: MembersService,
    private readonly invitations: InvitationsService,
  ) {}

  @Get()
  @Authenticated({ anyPermission: [Permission.MemberManage], apiKeys: true })
  @ApiOperation({
    summary: "List the organization's members and their roles",
    description: 'Every member, with the roles each holds here.',
  })
  @ApiOkResponse({ type: MemberList, description: "The organization's members." })
  listMembers(@Access() access: OrganizationAccess): Promise<MemberList> {
    return this.members.list(access.organizationId);
  }

  @Post()
  @Authenticated({ anyPermission: [Permission.MemberManage], apiKeys: true, grants: true })
  @ApiOperation({
    summary: 'Invite someone by email to become a member',
    description:
      'Creates an invitation; nobody becomes a member until the invitee accepts it with the link. ' +
      'The answer is the same whether or not the email has an account. With SMTP configured the link is emailed to that address only ' +
      'and is not in the answer; without, `inviteUrl` is in this response only, for the caller to hand over. ' +
      'Inviting an email with a pending invitation replaces it: the old link stops working.',
  })
  @ApiCreatedResponse({
    type: InvitationCreatedResponse,
    description: 'The invitation, and its link (shown this once) when the server sends no email.',
  })
  @ApiProblem(400, 'A bad email, name or role id; or no TPTM_PUBLIC_URL and a Host header that is not a plain host[:port].')
  @ApiProblem(403, 'A role to give carries a permission the caller lacks, or is Owner and the caller is not one.')
  @ApiProblem(409, 'That email is already a member.')
  @ApiProblem(429, 'The caller, the organization or the address has reached its limit of invitation emails; see Retry-After.')
  addMember(
    @Access() access: OrganizationAccess,
    @Body() body: AddMemberRequest,
    @Client() client: ClientInfo,
    @Req() request: FastifyRequest,
  ): Promise<InvitationCreatedResponse> {
    return this.invitations.invite(access, body, actorOf(access, client), () => requestOrigin(request));
  }

  @Put(':userId/roles')
  @Authenticated({ anyPermission: [Permission.MemberManage], apiKeys: true, grants: true })
  @ApiUuidParam('userId', 'The member (their user id).')
  @ApiOperation({
    summary: "Replace a member's roles; takes effect on their next request",
    description: 'The roles sent become the complete set; roles left out are taken away.',
  })
  @ApiOkResponse({ type: MemberResponse, description: 'The member with their new roles.' })
  @ApiProblem(400, 'A bad role id.')
  @ApiProblem(403, 'A role to give carries a permission the caller lacks, or Owner changes and the caller is not one.')
  @ApiProblem(404, 'No such member in this organization.')
  @ApiProblem(409, 'This would leave the organization without an Owner.')
  setMemberRoles(
    @Access() access: OrganizationAccess,
    @UuidParam('userId') userId: string,
    @Body() body: SetMemberRolesRequest,
    @Client() client: ClientInfo,
  ): Promise<MemberResponse> {
    return this.members.setRoles(access, userId, body.roleIds, actorOf(access, client));
  }

  @Delete(':userId')
  @HttpCode(204)
  @Authenticated({ anyPermission: [Permission.MemberManage], apiKeys: true })
  @ApiUuidParam('userId', 'The member (their user id).')
  @ApiOperation({
    summary: 'Remove a member from the organization; takes effect on their next request',
    description: 'Their account stays; only their membership and roles here go.',
  })
  @ApiNoContentResponse({ description: 'The member is removed.' })
  @ApiProblem(403, 'The member is an Owner and the caller is not one.')
  @ApiProblem(404, 'No such member in this organization.')
  @ApiProblem(409, 'This is the last Owner.')
  async removeMember(@Access() access: OrganizationAccess, @UuidParam('userId') userId: string, @Client() client: ClientInfo): Promise<void> {
    await this.members.remove(access, userId, actorOf(access, client));
  }
}
