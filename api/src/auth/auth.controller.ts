import { Body, Controller, Get, HttpCode, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Authenticated, Public } from '../authz/authenticated.decorator';
import type { UserPrincipal } from '../authz/principal';
import { CurrentUser } from '../authz/request.decorators';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { ApiProblem } from '../errors/problem.dto';
import { Mailer } from '../mail/mailer';
import { AuthService, SignedIn } from './auth.service';
import { AccessTokenResponse, LoginRequest } from './dto/login.dto';
import { CompletePasswordResetRequest, PasswordResetDetails, PasswordResetRequest, SignInOptions } from './dto/session.dto';
import { PasswordResetService } from './password-reset.service';
import { clearSessionCookie, readSessionCookie, setSessionCookie } from './session-cookie';

const SESSION_COOKIE_NOTE =
  'Also sets the `tptm_session` cookie (HttpOnly, SameSite=Strict, sent only to `/api/v1/auth`), ' +
  'with which a browser renews its access token through `POST /auth/refresh` in any tab.';

@ApiTags('Auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly resets: PasswordResetService,
    private readonly mailer: Mailer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post('login')
  @HttpCode(200)
  @Public()
  @ApiOperation({
    summary: 'Sign in to the console with email and password',
    description:
      'Returns an access token for console calls, sent as `Authorization: Bearer <accessToken>`. ' +
      `A wrong email and a wrong password get the same 401. ${SESSION_COOKIE_NOTE}`,
  })
  @ApiOkResponse({ type: AccessTokenResponse, description: 'Signed in: the access token and how long it lasts.' })
  @ApiProblem(400, 'The body is not {email, password}.')
  @ApiProblem(401, 'The email or password is incorrect.')
  @ApiProblem(429, 'Too many failed sign-ins from this client, or for this email; see Retry-After.')
  async login(
    @Body() body: LoginRequest,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AccessTokenResponse> {
    return this.withCookie(request, reply, await this.auth.login(body.email, body.password, request.ip));
  }

  @Post('refresh')
  @HttpCode(200)
  @Public()
  @ApiOperation({
    summary: "Renew the browser session's access token",
    description:
      'Reads the `tptm_session` cookie that sign-in set and answers a new access token, rotating the cookie. ' +
      'A cookie that was already replaced is refused and ends its session, since only a copy can still present it.',
  })
  @ApiOkResponse({ type: AccessTokenResponse, description: 'A new access token for the same session.' })
  @ApiProblem(401, 'No session cookie, or its session has ended.')
  async refresh(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<AccessTokenResponse> {
    try {
      return this.withCookie(request, reply, await this.auth.refresh(readSessionCookie(request)));
    } catch (error) {
      clearSessionCookie(request, reply);
      throw error;
    }
  }

  @Post('logout')
  @HttpCode(204)
  @Authenticated()
  @ApiOperation({
    summary: 'Sign out: end this session on the server',
    description: 'The access token and the session cookie stop working at once, in every tab.',
  })
  @ApiNoContentResponse({ description: 'Signed out.' })
  async logout(@CurrentUser() user: UserPrincipal, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    await this.auth.signOut(user.sessionId);
    clearSessionCookie(request, reply);
  }

  @Get('options')
  @Public()
  @ApiOperation({
    summary: 'What the sign-in page may offer on this server',
    description: 'Whether a forgotten password can be reset by email.',
  })
  @ApiOkResponse({ type: SignInOptions, description: 'The sign-in options.' })
  @ApiProblem(400, 'An unknown query parameter: this route takes none.')
  getSignInOptions(): SignInOptions {
    return { passwordReset: this.mailer.enabled ? 'email' : 'operator' };
  }

  @Post('password-reset')
  @HttpCode(202)
  @Public()
  @ApiOperation({
    summary: 'Email a password-reset link',
    description:
      'Always 202, whether or not the email has an account, so the answer tells nobody who has one. ' +
      'The link works once, for one hour. Needs SMTP (TPTM_SMTP_URL).',
  })
  @ApiAcceptedResponse({ description: 'If the email has an account, a link is on its way.' })
  @ApiProblem(400, 'The body is not {email}.')
  @ApiProblem(403, 'This server cannot send email (no SMTP is configured); its operator can run `npm run reset-password`.')
  requestPasswordReset(@Body() body: PasswordResetRequest): void {
    this.resets.requestByEmail(body.email);
  }

  @Get('password-reset/:token')
  @Public()
  @ApiParam({ name: 'token', description: 'The token from the reset link.' })
  @ApiOperation({ summary: 'Check a password-reset link', description: 'The account it resets, for the page that sets the new password.' })
  @ApiOkResponse({ type: PasswordResetDetails, description: 'The link is good.' })
  @ApiProblem(404, 'Unknown, used or expired link, or the password changed after it was made.')
  getPasswordReset(@Param('token') token: string): Promise<PasswordResetDetails> {
    return this.resets.describe(token);
  }

  @Post('password-reset/:token')
  @HttpCode(200)
  @Public()
  @ApiParam({ name: 'token', description: 'The token from the reset link.' })
  @ApiOperation({
    summary: 'Set a new password with a reset link, and sign in',
    description: `Every other session of the account ends. The link stops working. ${SESSION_COOKIE_NOTE}`,
  })
  @ApiOkResponse({ type: AccessTokenResponse, description: 'The password is changed and the caller is signed in.' })
  @ApiProblem(400, 'The new password is not 12 to 256 characters.')
  @ApiProblem(404, 'Unknown, used or expired link, or the password changed after it was made.')
  async completePasswordReset(
    @Param('token') token: string,
    @Body() body: CompletePasswordResetRequest,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AccessTokenResponse> {
    return this.withCookie(request, reply, await this.resets.complete(token, body.newPassword));
  }

  private withCookie(request: FastifyRequest, reply: FastifyReply, signedIn: SignedIn): AccessTokenResponse {
    if (signedIn.refreshToken) setSessionCookie(request, reply, signedIn.refreshToken, this.config.sessionIdleSeconds);
    return signedIn.response;
  }
}
