import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import { VersioningType } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import secureJson from 'secure-json-parse';
import { AppModule } from './app.module';
import { AppConfig } from './config/app-config';
import type { EmbeddedDatabase } from './database/embedded-database';
import { clientErrorHandler, frameworkErrors } from './errors/framework-errors';
import { ProblemException } from './errors/problem';
import { StrictValidationPipe } from './errors/validation';
import { createLogger, PinoNestLogger } from './logging/logger';
import { lazyChildLogger, RequestLogController } from './logging/request-log.controller';
import { buildOpenApiDocument } from './openapi';
import { applySecurityHeaders } from './security/security-headers';

/** The API's request bodies are a few hundred bytes; anything near this is abuse. */
export const BODY_LIMIT_BYTES = 16 * 1024;

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** Where the root `npm run build` puts the admin console (from api/dist or, under ts-jest, api/src). */
export const CONSOLE_ROOT = join(__dirname, '..', '..', 'admin-web', 'dist', 'browser');

export interface CreateAppOptions {
  embedded?: EmbeddedDatabase;
  logger?: Logger;
  /** Build the module graph without instantiating anything (no database): for writing the spec. */
  preview?: boolean;
  /** The built admin console served at `/`; nothing is served when it holds no index.html. */
  consoleRoot?: string;
}

export async function createApp(config: AppConfig, options: CreateAppOptions = {}): Promise<NestFastifyApplication> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const adapter = new FastifyAdapter({
    loggerInstance: logger,
    logController: new RequestLogController(logger),
    childLoggerFactory: lazyChildLogger,
    genReqId: (request: { headers: Record<string, string | string[] | undefined> }) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    trustProxy: config.trustProxy,
    bodyLimit: BODY_LIMIT_BYTES,
    // A client that never finishes its request, or goes quiet on its connection, would otherwise hold it forever.
    requestTimeout: config.requestTimeoutMs,
    connectionTimeout: config.connectionTimeoutMs,
    // Node's server reads requestTimeout only when it is created (Fastify sets it later, too late for a
    // body that never ends), and checks it only this often (30 s unless told), too seldom for a short one.
    http: { requestTimeout: config.requestTimeoutMs, connectionsCheckingInterval: Math.min(config.requestTimeoutMs, 1_000) },
    return503OnClosing: true,
    // No Express-style middleware is used; registering middie would add a hook to every request.
    skipMiddie: true,
    routerOptions: { maxParamLength: 200 },
    frameworkErrors,
    clientErrorHandler,
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, options.embedded), adapter, {
    logger: new PinoNestLogger(logger),
    bodyParser: false,
    abortOnError: false,
    preview: options.preview,
  });
  app.setGlobalPrefix('api');
  app.enableVersioning({ type: VersioningType.URI, defaultVersion: '1' });
  app.useGlobalPipes(new StrictValidationPipe());
  const setSecurityHeaders = options.preview ? undefined : applySecurityHeaders(app, config);

  const fastify = app.getHttpAdapter().getInstance();
  fastify.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: BODY_LIMIT_BYTES }, parseJson);
  // A route may read larger bodies (`@RouteConfig({ bodyLimit })`: GitHub's secret scanning reports), and keep the raw
  // text its signature covers (`rawBody: true`); every other route keeps the small limit.
  fastify.addHook('onRoute', (route) => {
    const limit = (route.config as RouteBodyConfig | undefined)?.bodyLimit;
    if (limit !== undefined) route.bodyLimit = limit;
  });
  // Fastify reads text/plain by default; this API takes JSON only, so such a body is a 415, not a 400 on its shape.
  fastify.removeContentTypeParser('text/plain');
  // Declared up front so that setting them (in the access guard) does not reshape every request object.
  fastify.decorateRequest('user', undefined);
  fastify.decorateRequest('access', undefined);
  fastify.decorateRequest('rawBody', undefined);
  // One hook for what every response carries: each hook is a step of every request.
  fastify.addHook('onRequest', (request, reply, done) => {
    setSecurityHeaders?.(request, reply);
    reply.header('x-request-id', request.id);
    done();
  });

  if (!options.preview) {
    // Built on the first request for it (then kept): most app starts, a test's above all, never
    // serve it, and building it costs ~0.2 CPU-s. `npm run generate` builds it in CI, where a
    // mistake in it (say, a repeated operation id) fails.
    SwaggerModule.setup('api/docs', app, () => buildOpenApiDocument(app), {
      jsonDocumentUrl: 'api/openapi.json',
      yamlDocumentUrl: 'api/openapi.yaml',
      customSiteTitle: 'TPTM API',
    });
    await serveConsole(fastify, options.consoleRoot ?? CONSOLE_ROOT);
  }
  return app;
}

/**
 * Serves the console's files, and its index.html for any other GET that asks
 * for HTML outside /api, so that a reload of a deep link (/admin/api-keys)
 * reaches the console's router. Everything else, /api above all, falls through
 * to the API's problem+json 404.
 */
async function serveConsole(fastify: FastifyInstance, root: string): Promise<void> {
  if (!existsSync(join(root, 'index.html'))) return;
  await fastify.register(fastifyStatic, { root, wildcard: false });
  fastify.get('/*', (request, reply) => {
    const wantsHtml = request.headers.accept?.includes('text/html') ?? false;
    if (!wantsHtml || /^\/api(\/|\?|$)/.test(request.url)) return reply.callNotFound();
    return reply.sendFile('index.html');
  });
}

interface RouteBodyConfig {
  bodyLimit?: number;
  rawBody?: boolean;
}

/** Far deeper than any request body of this API (two levels), far shallower than what overflows the stack in validation. */
export const MAX_JSON_DEPTH = 32;

/**
 * JSON bodies only, and none that smuggle `__proto__` or `constructor`
 * (prototype pollution) or nest deep enough to exhaust the recursive
 * validators behind. The message never quotes the body, which may hold a
 * password.
 */
function parseJson(request: FastifyRequest, body: string, done: (error: Error | null, value?: unknown) => void): void {
  if (body === '') {
    done(new ProblemException('validation', 'The request body is empty; send a JSON object.', [{ field: 'body', message: 'must be a JSON object' }]));
    return;
  }
  if (nestingDepth(body) > MAX_JSON_DEPTH) {
    done(
      new ProblemException('validation', `The request body nests objects or arrays more than ${MAX_JSON_DEPTH} levels deep.`, [
        { field: 'body', message: `must not nest more than ${MAX_JSON_DEPTH} levels deep` },
      ]),
    );
    return;
  }
  if ((request.routeOptions.config as RouteBodyConfig).rawBody) (request as FastifyRequest & { rawBody?: string }).rawBody = body;
  try {
    done(null, secureJson.parse(body, undefined, { protoAction: 'error', constructorAction: 'error' }));
  } catch (error) {
    const forbidden = error instanceof SyntaxError && /prototype|constructor/i.test(error.message);
    done(
      new ProblemException(
        'validation',
        forbidden ? 'The request body uses a forbidden key (__proto__ or constructor).' : 'The request body is not valid JSON.',
        [{ field: 'body', message: forbidden ? 'must not contain __proto__ or constructor keys' : 'is not valid JSON' }],
      ),
    );
  }
}

/** The deepest nesting of brackets outside strings, found in one pass without recursion. */
function nestingDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) deepest = Math.max(deepest, ++depth);
    else if (c === 0x5d || c === 0x7d) depth--;
  }
  return deepest;
}
