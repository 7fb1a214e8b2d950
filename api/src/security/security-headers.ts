import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import helmet from 'helmet';
import type { AppConfig } from '../config/app-config';

/**
 * The one inline script the console's production build emits: Angular's
 * critical-CSS inlining loads the full stylesheet as
 * `<link media="print" onload="this.media='all'">`. Allowed by its hash
 * ('unsafe-hashes' covers exactly this handler, not inline scripts at large);
 * blocked, the console would render without its stylesheet.
 */
export const ANGULAR_STYLESHEET_ONLOAD = "this.media='all'";
const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

/**
 * Served to the console, the Swagger UI and the API alike. Scripts come only
 * from this origin; styles may be inline, since both Angular (component
 * styles) and Swagger UI inject them at run time; images may be data: URIs
 * (Swagger UI's icons). Nothing may frame the pages or be framed, and no
 * plugin runs. `upgrade-insecure-requests` is left out: the server's default
 * is plain HTTP on 127.0.0.1, where it would break every subresource.
 */
export const CONTENT_SECURITY_POLICY = {
  useDefaults: false,
  directives: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'", "'unsafe-hashes'", sha256(ANGULAR_STYLESHEET_ONLOAD)],
    scriptSrcAttr: ["'unsafe-hashes'", sha256(ANGULAR_STYLESHEET_ONLOAD)],
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", 'data:'],
    fontSrc: ["'self'", 'data:'],
    connectSrc: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'self'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
  },
};

/** Headers a browser may read from a cross-origin response, beyond the CORS-safelisted ones. */
const EXPOSED_HEADERS = ['X-Request-Id', 'Retry-After', 'WWW-Authenticate', 'Location'];
const ALLOWED_HEADERS = ['Authorization', 'Content-Type', 'X-API-Key', 'X-Request-Id'];

/**
 * Helmet's headers, worked out once. They never vary by request, and
 * @fastify/helmet re-parsed the whole policy on every request: a sixth of the
 * CPU of a warm API-key request in `npm run bench`.
 */
function helmetHeaders(): Record<string, string> {
  const headers: Record<string, string> = {};
  const response = {
    setHeader: (name: string, value: string | number) => (headers[name.toLowerCase()] = String(value)),
    removeHeader: (name: string) => delete headers[name.toLowerCase()],
  };
  helmet({
    contentSecurityPolicy: CONTENT_SECURITY_POLICY,
    // A year, for this host only: includeSubDomains would bind every other site under the deployer's domain.
    strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: false },
    xFrameOptions: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
  })({} as IncomingMessage, response as unknown as ServerResponse, (error?: unknown) => {
    if (error) throw error;
  });
  return headers;
}

/**
 * Security headers on every response (helmet's; the function returned sets
 * them, and the caller runs it on every request), CORS only for the origins in
 * TPTM_CORS_ORIGINS (none by default: the console is served from the API's
 * own origin), and no caching of API responses, which carry keys, tokens and
 * temporary passwords.
 */
export function applySecurityHeaders(app: NestFastifyApplication, config: AppConfig): (request: FastifyRequest, reply: FastifyReply) => void {
  const headers = helmetHeaders();
  const apiHeaders = { ...headers, 'cache-control': 'no-store' };
  if (config.corsOrigins.length > 0) {
    app.enableCors({
      origin: config.corsOrigins,
      methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
      allowedHeaders: ALLOWED_HEADERS,
      exposedHeaders: EXPOSED_HEADERS,
      // Credentials travel in the Authorization header, never in cookies.
      credentials: false,
      maxAge: 600,
    });
  }
  // Called from the application's one onRequest hook (app.factory.ts): a hook of its own cost a step per request.
  return (request, reply) => {
    reply.headers(request.url.startsWith('/api/v1/') ? apiHeaders : headers);
  };
}
