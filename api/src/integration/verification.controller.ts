import { PassThrough, Readable } from 'node:stream';
import { Controller, Get, Headers, HttpCode, Post, Req, Res, StreamableFile } from '@nestjs/common';
import { ApiBody, ApiHeader, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { RouteSchema } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiKeyVerifier } from '../auth/api-keys/api-key.verifier';
import { ServiceAuthenticated } from '../authz/authenticated.decorator';
import { FieldError, ProblemException, validationFailed } from '../errors/problem';
import { ApiProblem } from '../errors/problem.dto';
import { VERIFY_RESPONSE_SCHEMA } from './dto/response-schemas';
import { VerifyApiKeyRequest, VerifyApiKeyResponse } from './dto/verification.dto';
import { RevocationStreamService } from './revocation-stream.service';

const EVENT_STREAM = 'text/event-stream; charset=utf-8';
/** Event ids are the table's bigserial: decimal, at most 19 digits. */
const EVENT_ID = /^\d{1,18}$/;

/**
 * Key verification for the platform's other services (contract: *Key
 * verification for other services*), with a service token. The verify call
 * goes through the very verifier the REST guard uses, so a key is judged and
 * counted the same way whichever door it came through.
 */
@ApiTags('Key verification')
@Controller('keys')
export class VerificationController {
  constructor(
    private readonly verifier: ApiKeyVerifier,
    private readonly streams: RevocationStreamService,
  ) {}

  @Post('verify')
  @HttpCode(200)
  @ServiceAuthenticated()
  @ApiOperation({
    summary: 'Verify an API key a caller of your service presented',
    description:
      'Always 200 with the outcome in `code` (only a bad service token is an error). Judged exactly as a REST request ' +
      'with the key: a `VALID` answer counts as one request of the key (usage, last used, rate limit); every other ' +
      'outcome counts nothing. `Idempotency-Key` is ignored here. The per-client limit on failed key checks does not ' +
      'apply: a service verifies for many clients.',
  })
  @ApiOkResponse({ type: VerifyApiKeyResponse, description: 'The outcome, with the key and its organization whenever the key exists.' })
  @ApiBody({ type: VerifyApiKeyRequest })
  @ApiProblem(400, 'The body is not `{key: string, permissions?: [string], clientIp?: string}`.')
  // Serialized from a schema, and the body checked by hand rather than by the validation pipe: the route other
  // services call for every request they serve, held to whoami's cost (bench figure 8).
  @RouteSchema({ response: { 200: VERIFY_RESPONSE_SCHEMA } })
  async verifyApiKey(@Req() request: FastifyRequest): Promise<VerifyApiKeyResponse> {
    const body = parseVerifyRequest(request.body);
    const { code, key, rateLimit } = await this.verifier.verify(body.key, body.clientIp, body.permissions ?? []);
    const answer: VerifyApiKeyResponse = { valid: code === 'VALID', code };
    if (key) {
      answer.organization = key.organization;
      answer.apiKey = { id: key.apiKeyId, name: key.name, maskedKey: key.maskedKey, permissions: key.permissions, expiresAt: key.expiresAt };
    }
    if (rateLimit) answer.rateLimit = rateLimit;
    return answer;
  }

  @Get('revocations')
  @ServiceAuthenticated()
  @ApiOperation({
    summary: 'A stream of the key secrets that stop working or change',
    description:
      'Server-Sent Events. Each `revoked` event (`id:` an increasing event id) carries `{keyId, organizationId, digest, reason}`: ' +
      '`digest` is the lowercase hex SHA-256 of the full key, `reason` one of `deleted`, `rolled`, `expired`, `disabled`, ' +
      '`exposed`, `changed` (still working, with other permissions or limits: verify it again). Sent within 100 ms of ' +
      'the change, on every instance. A comment line every 15 s keeps the stream open. Send `Last-Event-ID` to resume ' +
      'after an event (within the last hour, on any instance); an older or unknown id gets a `reset` event first: forget ' +
      'every cached verification.',
  })
  @ApiHeader({ name: 'Last-Event-ID', required: false, description: 'The id of the last event received, to resume after it.' })
  @ApiProduces('text/event-stream')
  @ApiOkResponse({
    description: 'The stream, open until the client or the server closes it.',
    content: {
      'text/event-stream': {
        schema: { type: 'string' },
        example:
          'id: 42\nevent: revoked\ndata: {"keyId":"0b7e5a6c-3f1d-4c2a-9e8b-5d4f3a2b1c0d","organizationId":"6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f",' +
          '"digest":"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08","reason":"deleted"}\n\n',
      },
    },
  })
  @ApiProblem(400, '`Last-Event-ID` is not an event id.')
  revocations(
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Headers('last-event-id') lastEventId: string | undefined,
  ): StreamableFile {
    if (lastEventId !== undefined && !EVENT_ID.test(lastEventId.trim())) {
      throw new ProblemException('validation', '`Last-Event-ID` must be the id of an event this stream sent.', [
        { field: 'Last-Event-ID', message: 'must be an event id (digits)' },
      ]);
    }
    reply.header('cache-control', 'no-store');
    // Proxies that buffer answers (nginx) would hold events back.
    reply.header('x-accel-buffering', 'no');
    if (request.method === 'HEAD') return new StreamableFile(Readable.from([]), { type: EVENT_STREAM });
    const stream = new PassThrough();
    void this.streams.open(stream, lastEventId === undefined ? undefined : BigInt(lastEventId.trim()));
    return new StreamableFile(stream, { type: EVENT_STREAM });
  }
}

const FIELDS = new Set(['key', 'permissions', 'clientIp']);

/** The rules of VerifyApiKeyRequest (which documents them), checked in one pass with the same messages. */
function parseVerifyRequest(body: unknown): VerifyApiKeyRequest {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw validationFailed([{ field: 'body', message: 'must be a JSON object' }]);
  const { key, permissions, clientIp } = body as Record<string, unknown>;
  const errors: FieldError[] = [];
  for (const field of Object.keys(body)) if (!FIELDS.has(field)) errors.push({ field, message: 'is not a known field' });
  if (typeof key !== 'string') errors.push({ field: 'key', message: 'must be a string' });
  if (permissions !== undefined && permissions !== null) {
    if (!Array.isArray(permissions)) errors.push({ field: 'permissions', message: 'must be an array of permission ids' });
    else if (permissions.length > 50) errors.push({ field: 'permissions', message: 'must hold at most 50 permissions' });
    else if (!permissions.every((p) => typeof p === 'string')) errors.push({ field: 'permissions', message: 'must hold only strings' });
    else if (permissions.some((p: string) => p.length > 100))
      errors.push({ field: 'permissions', message: 'must hold permission ids of at most 100 characters' });
  }
  if (clientIp !== undefined && clientIp !== null) {
    if (typeof clientIp !== 'string') errors.push({ field: 'clientIp', message: 'must be a string' });
    else if (clientIp.length > 100) errors.push({ field: 'clientIp', message: 'must be at most 100 characters' });
  }
  if (errors.length > 0) throw validationFailed(errors);
  return {
    key: key as string,
    permissions: (permissions ?? undefined) as string[] | undefined,
    clientIp: (clientIp ?? undefined) as string | undefined,
  };
}
