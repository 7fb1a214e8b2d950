import { LogController } from 'fastify';
import type { FastifyBaseLogger, FastifyReply, FastifyRequest } from 'fastify';
import pino from 'pino';
import type { Bindings, ChildLoggerOptions, Logger } from 'pino';
import { isoTime, redactUrl } from './logger';

const INFO = pino.levels.values.info;

/**
 * One line per request, written when it completes, instead of Fastify's two;
 * the URL is scrubbed of anything shaped like a credential.
 *
 * The line of a request that completed is the one every request pays for, so
 * it is built here as one string and handed to the logger's destination: the
 * same JSON line pino would write through the request's child logger
 * (`{"level":"info","time":…,"reqId":…,"method":…,"url":…,"status":…,"ms":…,"msg":"request"}`),
 * without the child logger, the serialization of a fields object and its
 * level checks.
 */
export class RequestLogController extends LogController {
  private readonly destination: { write(line: string): void };

  constructor(private readonly logger: Logger) {
    super();
    this.destination = (logger as unknown as Record<symbol, { write(line: string): void }>)[pino.symbols.streamSym];
  }

  override incomingRequest(): void {}

  override routeNotFound(): void {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    const ms = Math.round(reply.elapsedTime * 10) / 10;
    if (error) {
      reply.log.error(
        { method: request.method, url: redactUrl(request.url), status: reply.statusCode, ms, err: { type: error.name } },
        'request errored',
      );
      return;
    }
    if (this.logger.levelVal > INFO) return;
    // The request id is ours or matched /^[A-Za-z0-9._-]{1,64}$/ (app.factory.ts), and the method is an
    // HTTP token: neither needs escaping. The URL may hold anything.
    const line =
      `{"level":"info"${isoTime()},"reqId":"${request.id}","method":"${request.method}","url":${JSON.stringify(redactUrl(request.url))}` +
      `,"status":${reply.statusCode},"ms":${ms},"msg":"request"}\n`;
    this.destination.write(line);
  }
}

/**
 * Fastify gives every request a child logger of its own (carrying `reqId`).
 * Most requests never log through it — their one line is written above — so
 * this stands in for it and makes the real child only when something logs.
 */
export function lazyChildLogger(logger: FastifyBaseLogger, bindings: Bindings, options: ChildLoggerOptions): FastifyBaseLogger {
  return new RequestLogger(logger as Logger, bindings, options) as unknown as FastifyBaseLogger;
}

class RequestLogger {
  private made?: Logger;

  constructor(
    private readonly parent: Logger,
    private readonly ownBindings: Bindings,
    private readonly options: ChildLoggerOptions,
  ) {}

  private get real(): Logger {
    return (this.made ??= this.parent.child(this.ownBindings, this.options));
  }

  get level(): string {
    return this.made?.level ?? this.options.level ?? this.parent.level;
  }
  set level(level: string) {
    this.real.level = level;
  }
  get levelVal(): number {
    return this.real.levelVal;
  }
  isLevelEnabled(level: string): boolean {
    return this.real.isLevelEnabled(level);
  }
  bindings(): Bindings {
    return this.real.bindings();
  }
  child(bindings: Bindings, options?: ChildLoggerOptions): Logger {
    return this.real.child(bindings, options);
  }
  fatal(...args: unknown[]): void {
    this.log('fatal', args);
  }
  error(...args: unknown[]): void {
    this.log('error', args);
  }
  warn(...args: unknown[]): void {
    this.log('warn', args);
  }
  info(...args: unknown[]): void {
    this.log('info', args);
  }
  debug(...args: unknown[]): void {
    this.log('debug', args);
  }
  trace(...args: unknown[]): void {
    this.log('trace', args);
  }
  silent(): void {}

  private log(level: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace', args: unknown[]): void {
    const real = this.real;
    (real[level] as (...a: unknown[]) => void).apply(real, args);
  }
}
