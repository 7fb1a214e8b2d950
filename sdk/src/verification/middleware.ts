import { KeyVerification, KeyVerifierOptions, TptmKeyVerifier, TptmVerificationError, VerificationCode } from './verifier.js';

/** What a request authenticated by a TPTM key carries, as `request.tptmKey`. */
export interface TptmKeyIdentity {
  organization: { id: string; name: string };
  apiKey: { id: string; name: string; maskedKey: string; permissions: string[]; expiresAt: string | null };
}

/** The parts of a request every framework's request object has. */
interface AnyRequest {
  headers: Record<string, string | string[] | undefined>;
  ip?: string;
  tptmKey?: TptmKeyIdentity;
}

export interface TptmApiKeyAuthOptions extends KeyVerifierOptions {
  /** Permissions every request's key must hold (a route can ask for more: `@RequireTptmPermissions`, or `check()`). */
  permissions?: string[];
  /**
   * The caller's address as your service trusts it, passed to TPTM for keys
   * bound to addresses. By default the framework's `request.ip`, which
   * follows its own proxy settings (Express `trust proxy`, Fastify `trustProxy`).
   */
  clientIp?: (request: AnyRequest) => string | undefined;
}

export interface TptmRefusal {
  status: 401 | 403 | 429 | 503;
  code: VerificationCode | 'MISSING' | 'UNAVAILABLE';
  headers: Record<string, string>;
  body: { type: string; title: string; status: number; detail: string };
}

const STATUS: Record<Exclude<VerificationCode, 'VALID'>, 401 | 403 | 429> = {
  NOT_FOUND: 401,
  EXPIRED: 401,
  DISABLED: 401,
  IP_NOT_ALLOWED: 403,
  POLICY_VIOLATION: 403,
  INSUFFICIENT_PERMISSIONS: 403,
  RATE_LIMITED: 429,
};

const DETAIL: Record<Exclude<VerificationCode, 'VALID'> | 'MISSING' | 'UNAVAILABLE', string> = {
  MISSING: 'Send an API key as `Authorization: Bearer <key>` or `X-API-Key: <key>`.',
  NOT_FOUND: 'The API key is unknown, expired, disabled or revoked.',
  EXPIRED: 'The API key is unknown, expired, disabled or revoked.',
  DISABLED: 'The API key is unknown, expired, disabled or revoked.',
  IP_NOT_ALLOWED: 'This API key may not be used from this address.',
  POLICY_VIOLATION: "This API key breaks its organization's key policy; an admin must fix it before it can be used.",
  INSUFFICIENT_PERMISSIONS: 'This API key lacks a permission this request needs.',
  RATE_LIMITED: "The API key's rate limit is reached; see Retry-After.",
  UNAVAILABLE: 'API keys cannot be verified right now; try again shortly.',
};

function refusal(code: Exclude<TptmRefusal['code'], 'VALID'>, answer?: KeyVerification): TptmRefusal {
  const status = code === 'MISSING' ? 401 : code === 'UNAVAILABLE' ? 503 : STATUS[code as keyof typeof STATUS];
  const headers: Record<string, string> = { 'Content-Type': 'application/problem+json; charset=utf-8' };
  // One body for every 401, whatever the reason, as TPTM itself answers: a caller learns nothing about other keys.
  if (status === 401) headers['WWW-Authenticate'] = 'Bearer realm="api"';
  if (status === 429) headers['Retry-After'] = String(Math.max(1, answer?.rateLimit?.resetSeconds ?? 1));
  if (status === 503) headers['Retry-After'] = '5';
  const title = { 401: 'Unauthorized', 403: 'Forbidden', 429: 'Too Many Requests', 503: 'Service Unavailable' }[status];
  const detail = status === 401 ? DETAIL.NOT_FOUND : DETAIL[code];
  return { status, code, headers, body: { type: 'about:blank', title, status, detail } };
}

function presentedKey(request: AnyRequest): string | undefined {
  const header = request.headers['x-api-key'];
  if (typeof header === 'string') return header.trim();
  const authorization = request.headers.authorization;
  return typeof authorization === 'string' ? /^Bearer +(\S+) *$/i.exec(authorization)?.[1] : undefined;
}

export interface TptmApiKeyAuth {
  /** Express (and Connect) middleware. */
  (request: AnyRequest, response: ExpressLikeResponse, next: (error?: unknown) => void): void;
  /** A Fastify `preHandler` hook. */
  fastify(request: AnyRequest, reply: FastifyLikeReply): Promise<void>;
  /** Checks a request, for any framework: the key's identity (also set as `request.tptmKey`), or the refusal to send. */
  check(request: AnyRequest, permissions?: string[]): Promise<TptmKeyIdentity | TptmRefusal>;
  readonly verifier: TptmKeyVerifier;
  /** Stops listening to the revocation stream. */
  close(): void;
}

interface ExpressLikeResponse {
  statusCode: number;
  setHeader(name: string, value: string): unknown;
  end(body: string): unknown;
}

interface FastifyLikeReply {
  code(status: number): FastifyLikeReply;
  headers(values: Record<string, string>): FastifyLikeReply;
  send(body: string): unknown;
}

/**
 * Accepts TPTM API keys in your service: checks each request's key offline
 * first (shape and checksum), then with TPTM through a cache that TPTM's
 * revocation stream keeps honest. Answers 401 for `NOT_FOUND`, `EXPIRED`,
 * `DISABLED` (one body for all three), 403 for `IP_NOT_ALLOWED`,
 * `POLICY_VIOLATION` and `INSUFFICIENT_PERMISSIONS`, 429 with `Retry-After` for `RATE_LIMITED`, and
 * 503 when TPTM cannot be asked.
 */
export function tptmApiKeyAuth(options: TptmApiKeyAuthOptions): TptmApiKeyAuth {
  const verifier = new TptmKeyVerifier(options);
  const clientIp = options.clientIp ?? ((request: AnyRequest) => request.ip);
  const base = options.permissions ?? [];

  async function check(request: AnyRequest, permissions: string[] = []): Promise<TptmKeyIdentity | TptmRefusal> {
    const key = presentedKey(request);
    if (!key) return refusal('MISSING');
    let answer: KeyVerification;
    try {
      answer = await verifier.verify(key, clientIp(request), [...base, ...permissions]);
    } catch (error) {
      options.logger?.warn(`TPTM key verification failed: ${error instanceof TptmVerificationError ? error.message : String(error)}`);
      return refusal('UNAVAILABLE');
    }
    if (answer.code !== 'VALID') return refusal(answer.code, answer);
    const identity = { organization: answer.organization!, apiKey: answer.apiKey! };
    request.tptmKey = identity;
    return identity;
  }

  const middleware = ((request: AnyRequest, response: ExpressLikeResponse, next: (error?: unknown) => void) => {
    check(request).then((outcome) => {
      if (!('status' in outcome)) return next();
      response.statusCode = outcome.status;
      for (const [name, value] of Object.entries(outcome.headers)) response.setHeader(name, value);
      response.end(JSON.stringify(outcome.body));
    }, next);
  }) as TptmApiKeyAuth;
  middleware.fastify = async (request, reply) => {
    const outcome = await check(request);
    if ('status' in outcome) await reply.code(outcome.status).headers(outcome.headers).send(JSON.stringify(outcome.body));
  };
  middleware.check = check;
  Object.defineProperty(middleware, 'verifier', { value: verifier });
  middleware.close = () => verifier.close();
  return middleware;
}

const REQUIRED = Symbol.for('tptm.requiredPermissions');

/** NestJS-style method decorator: the route's key must also hold these permissions (read by `TptmApiKeyGuard`). */
export function RequireTptmPermissions(...permissions: string[]) {
  return (_target: object, _property: string | symbol, descriptor: PropertyDescriptor) => {
    (descriptor.value as Record<symbol, string[]>)[REQUIRED] = permissions;
    return descriptor;
  };
}

interface NestLikeContext {
  getHandler(): unknown;
  switchToHttp(): { getRequest<T>(): T; getResponse<T>(): T };
}

/**
 * A NestJS guard (`CanActivate`): `app.useGlobalGuards(new TptmApiKeyGuard(auth))`
 * or `@UseGuards(new TptmApiKeyGuard(auth))`, on Express or Fastify. A refused
 * request ends in Nest's own `HttpException` (with the middleware's status,
 * body and headers), so exception filters see it as usual.
 */
const NEST_COMMON = '@nestjs/common';

export class TptmApiKeyGuard {
  constructor(private readonly auth: TptmApiKeyAuth) {}

  async canActivate(context: NestLikeContext): Promise<boolean> {
    const handler = context.getHandler() as Record<symbol, string[] | undefined>;
    const http = context.switchToHttp();
    const outcome = await this.auth.check(http.getRequest<AnyRequest>(), handler[REQUIRED] ?? []);
    if (!('status' in outcome)) return true;
    const response = http.getResponse<{ setHeader?(name: string, value: string): unknown; header?(name: string, value: string): unknown }>();
    for (const [name, value] of Object.entries(outcome.headers)) {
      if (name === 'Content-Type') continue;
      if (typeof response.header === 'function') response.header(name, value);
      else response.setHeader?.(name, value);
    }
    // Loaded only here: NestJS is an optional peer dependency, present wherever this guard runs. The specifier is a
    // variable so that a bundler building a browser app on this package (the console) does not try to pull NestJS in.
    const nest = NEST_COMMON;
    const { HttpException } = (await import(nest)) as typeof import('@nestjs/common');
    throw new HttpException(outcome.body, outcome.status);
  }
}
