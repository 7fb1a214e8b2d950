import { Body, Controller, Get, HttpCode, Put, Req } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Authenticated } from '../authz/authenticated.decorator';
import type { UserPrincipal } from '../authz/principal';
import { CurrentUser } from '../authz/request.decorators';
import { ApiProblem } from '../errors/problem.dto';
import { ChangePasswordRequest, MeResponse } from './dto/me.dto';
import { UsersService } from './users.service';

@ApiTags('Me')
@Controller('me')
export class MeController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @Authenticated()
  @ApiOperation({
    summary: 'The signed-in user, their organizations, roles and permissions',
    description: 'The console reads the permissions of each membership to decide what to show.',
  })
  @ApiOkResponse({ type: MeResponse, description: 'The signed-in user.' })
  getMe(@CurrentUser() user: UserPrincipal): Promise<MeResponse> {
    return this.users.me(user.userId);
  }

  @Put('password')
  @HttpCode(204)
  @Authenticated()
  @ApiOperation({
    summary: "Change the signed-in user's password",
    description:
      'Needs the current password; the new one must be 12 to 256 characters. ' + 'Every other session of the account ends; this one carries on.',
  })
  @ApiNoContentResponse({ description: 'The password is changed and the other sessions have ended.' })
  @ApiProblem(400, 'The current password is wrong, or the new one is too short.')
  @ApiProblem(429, 'Too many wrong passwords from this client; see Retry-After.')
  async changePassword(@CurrentUser() user: UserPrincipal, @Body() body: ChangePasswordRequest, @Req() request: FastifyRequest): Promise<void> {
    await this.users.changePassword(user.userId, user.sessionId, body.currentPassword, body.newPassword, request.ip);
  }
}
