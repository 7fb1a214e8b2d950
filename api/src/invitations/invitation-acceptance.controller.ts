import { Body, Controller, Get, HttpCode, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { setSessionCookie } from '../auth/session-cookie';
import { Public, PublicOrSignedIn } from '../authz/authenticated.decorator';
import type { UserPrincipal } from '../authz/principal';
import { Client, ClientInfo } from '../authz/request.decorators';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { ApiProblem } from '../errors/problem.dto';
import { AcceptInvitationRequest, InvitationAcceptedResponse, InvitationDetails } from './dto/invitation.dto';
import { InvitationsService } from './invitations.service';

/** The invitee's side: reached with the link alone, before they are a member of anything. */
@ApiTags('Invitations')
@ApiParam({ name: 'token', description: 'The token from the invitation link (`…/invite/<token>`).' })
@Controller('invitations/:token')
export class InvitationAcceptanceController {
  constructor(
    private readonly invitations: InvitationsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  @Public()
  @ApiOperation({
    summary: 'What an invitation link is for',
    description:
      'The organization and the address invited. It never says whether the address has an account: ' +
      'the page offers both signing in as it and creating it.',
  })
  @ApiOkResponse({ type: InvitationDetails, description: 'The invitation.' })
  @ApiProblem(404, 'Unknown, used, revoked or expired link.')
  getInvitation(@Param('token') token: string): Promise<InvitationDetails> {
    return this.invitations.describe(token);
  }

  @Post('accept')
  @HttpCode(200)
  @PublicOrSignedIn()
  @ApiOperation({
    summary: 'Accept an invitation and join the organization',
    description:
      'For an address with no account, send `{name, password}` with no access token: the account is created. ' +
      "For an existing account, send that account's access token (`Authorization: Bearer …`). " +
      'A refusal depends on the request alone, not on whether the address has an account. ' +
      'Either way the membership starts with the invited roles, the link stops working, and the answer signs the caller in ' +
      '(and sets the `tptm_session` cookie, as sign-in does).',
  })
  @ApiOkResponse({ type: InvitationAcceptedResponse, description: 'Joined: an access token, and the organization.' })
  @ApiProblem(400, 'No access token, and no password of 12 to 256 characters for a new account.')
  @ApiProblem(401, 'A password for a new account, but the address already has one: sign in as it.')
  @ApiProblem(403, 'Signed in as another account than the one invited.')
  @ApiProblem(404, 'Unknown, used, revoked or expired link.')
  @ApiProblem(409, 'Already a member of that organization.')
  async acceptInvitation(
    @Param('token') token: string,
    @Body() body: AcceptInvitationRequest,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Client() client: ClientInfo,
  ): Promise<InvitationAcceptedResponse> {
    const caller = request.user?.kind === 'user' ? (request.user as UserPrincipal) : undefined;
    const accepted = await this.invitations.accept(token, body, caller, client);
    if (accepted.refreshToken) setSessionCookie(request, reply, accepted.refreshToken, this.config.sessionIdleSeconds);
    return { ...accepted.response, organization: accepted.organization };
  }
}
