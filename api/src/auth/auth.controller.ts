import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Public } from '../authz/authenticated.decorator';
import { ApiProblem } from '../errors/problem.dto';
import { AuthService } from './auth.service';
import { AccessTokenResponse, LoginRequest } from './dto/login.dto';

@ApiTags('Auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @HttpCode(200)
  @Public()
  @ApiOperation({
    summary: 'Sign in to the console with email and password',
    description:
      'Returns an access token for console calls, sent as `Authorization: Bearer <accessToken>`. ' +
      'A wrong email and a wrong password get the same 401.',
  })
  @ApiOkResponse({ type: AccessTokenResponse, description: 'Signed in: the access token and how long it lasts.' })
  @ApiProblem(400, 'The body is not {email, password}.')
  @ApiProblem(401, 'The email or password is incorrect.')
  @ApiProblem(429, 'Too many failed sign-ins from this client; see Retry-After.')
  login(@Body() body: LoginRequest, @Req() request: FastifyRequest): Promise<AccessTokenResponse> {
    return this.auth.login(body.email, body.password, request.ip);
  }
}
