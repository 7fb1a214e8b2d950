import { Body, Controller, Headers, HttpCode, Post, Req } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiAcceptedResponse, ApiBody, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Public } from '../authz/authenticated.decorator';
import { Client, ClientInfo } from '../authz/request.decorators';
import { ProblemException, unauthorized } from '../errors/problem';
import { ApiProblem } from '../errors/problem.dto';
import { ApiKeyExposureService, FoundSecret, tokenHash } from './api-key-exposure.service';
import { MAX_REPORTED_TOKENS, RevokeCredentialsRequest, SecretScanningLabel, SecretScanningMatch } from './dto/secret-scanning.dto';
import { SecretScanningKeys } from './secret-scanning-keys';

/** GitHub sends up to 1,000 matches at once; this route alone reads bodies up to 1 MiB (see app.factory's onRoute hook). */
export const SECRET_SCANNING_BODY_LIMIT = 1024 * 1024;

const PUBLIC_REPORTS_PER_HOUR = 60;

@ApiTags('Leaked keys')
@Controller()
export class SecretScanningController {
  constructor(
    private readonly exposures: ApiKeyExposureService,
    private readonly keys: SecretScanningKeys,
  ) {}

  @Post('secret-scanning/github')
  @HttpCode(200)
  @Public()
  @RouteConfig({ bodyLimit: SECRET_SCANNING_BODY_LIMIT, rawBody: true })
  @ApiOperation({
    summary: "Receive GitHub's secret scanning reports",
    description:
      "GitHub's secret scanning partner program posts the secrets it found that match this server's key pattern. " +
      'The body (a JSON array of up to 1,000 matches, up to 1 MiB) is signed with ECDSA P-256/SHA-256 by the key named in ' +
      '`Github-Public-Key-Identifier`, one of those at `TPTM_SECRET_SCANNING_KEYS_URL` (or in `TPTM_SECRET_SCANNING_KEYS_FILE`). ' +
      "Each match that is a live key is handled as its organization's `onExposure` says, once per url.",
  })
  @ApiHeader({ name: 'Github-Public-Key-Identifier', required: true, description: 'Which published key signed the body.' })
  @ApiHeader({ name: 'Github-Public-Key-Signature', required: true, description: 'Base64 DER ECDSA signature of the raw body.' })
  @ApiBody({ type: [SecretScanningMatch] })
  @ApiOkResponse({ type: [SecretScanningLabel], description: 'A label for each match, in order.' })
  @ApiProblem(400, 'The body is not an array of up to 1,000 matches.')
  @ApiProblem(401, 'A missing or unknown key identifier, or a missing or bad signature.')
  async githubReport(
    @Req() request: FastifyRequest,
    @Headers('github-public-key-identifier') identifier: string | undefined,
    @Headers('github-public-key-signature') signature: string | undefined,
    @Body() body: unknown,
    @Client() client: ClientInfo,
  ): Promise<SecretScanningLabel[]> {
    const raw = (request as FastifyRequest & { rawBody?: string }).rawBody;
    if (!identifier || !signature || raw === undefined || !(await this.keys.verify(identifier, signature, Buffer.from(raw, 'utf8')))) {
      throw unauthorized();
    }
    const matches = asMatches(body);
    const known = await this.exposures.report(
      matches.map((m): FoundSecret => ({ token: m.token, url: m.url, source: m.source })),
      'secret-scanning',
      client,
    );
    return matches.map((m) => {
      const hash = tokenHash(m.token);
      return { token_hash: hash, token_type: m.type, label: known.has(hash) ? 'true_positive' : 'false_positive' };
    });
  }

  @Post('credentials/revoke')
  @HttpCode(202)
  @Public()
  @ApiOperation({
    summary: 'Report leaked API keys',
    description:
      'Anyone who finds an API key of this server in public can report it here, without authentication. ' +
      "Each live key in the list is handled as its organization's `onExposure` says. The answer is the same whatever was found. " +
      `At most ${PUBLIC_REPORTS_PER_HOUR} calls per hour per client.`,
  })
  @ApiAcceptedResponse({ description: 'Received.' })
  @ApiProblem(400, 'The body is not `{credentials: [string]}` with up to 1,000 entries.')
  @ApiProblem(429, `More than ${PUBLIC_REPORTS_PER_HOUR} calls this hour from this client; see \`Retry-After\`.`)
  async revokeCredentials(@Body() body: RevokeCredentialsRequest, @Client() client: ClientInfo): Promise<void> {
    await this.countPublicReport(client.ip);
    await this.exposures.report(
      body.credentials.map((token) => ({ token, url: null, source: null })),
      'public-report',
      client,
    );
  }

  private async countPublicReport(ip: string): Promise<void> {
    const { count, secondsLeft: retryAfter } = await this.exposures.countPublicReport(ip);
    if (count > PUBLIC_REPORTS_PER_HOUR) {
      throw new ProblemException(
        'rateLimited',
        `At most ${PUBLIC_REPORTS_PER_HOUR} reports per hour from one client. Try again in ${retryAfter} seconds.`,
        undefined,
        { 'Retry-After': String(retryAfter) },
      );
    }
  }
}

/** GitHub's array of matches, or a 400 (after the signature: only GitHub gets this far). */
function asMatches(body: unknown): SecretScanningMatch[] {
  const valid =
    Array.isArray(body) &&
    body.length <= MAX_REPORTED_TOKENS &&
    body.every(
      (m: Record<string, unknown> | null) =>
        typeof m === 'object' &&
        m !== null &&
        typeof m.token === 'string' &&
        typeof m.type === 'string' &&
        (m.url === undefined || m.url === null || typeof m.url === 'string') &&
        (m.source === undefined || m.source === null || typeof m.source === 'string'),
    );
  if (!valid) {
    throw new ProblemException('validation', `The body must be an array of up to ${MAX_REPORTED_TOKENS} {token, type, url, source} matches.`, [
      { field: 'body', message: `must be an array of up to ${MAX_REPORTED_TOKENS} {token, type, url, source}` },
    ]);
  }
  return (body as SecretScanningMatch[]).map(
    (m) => ({ token: m.token, type: m.type, url: m.url ?? null, source: m.source ?? null }) as SecretScanningMatch,
  );
}
