import { LoggerService } from '@nestjs/common';
import pino, { DestinationStream, Logger } from 'pino';
import type { LogLevel } from '../config/app-config';

/**
 * JSON lines on stdout. Nothing logs request headers or bodies, so no
 * credential reaches a log line (the tests check this); only URLs are
 * scrubbed, see `redactKeys`.
 *
 * Written asynchronously: lines logged while a write is in flight go out
 * together in the next one, so a busy server makes far fewer syscalls than
 * requests. Call `logger.flush()` before exiting.
 */
export function createLogger(level: LogLevel, destination: DestinationStream = pino.destination({ dest: 1, sync: false })): Logger {
  return pino(
    {
      level,
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    destination,
  );
}

const API_KEY_IN_TEXT = /tptm_[0-9A-Za-z]{8,}/g;

/** For text we do not control, such as a URL a client put a key into by mistake. */
export function redactKeys(text: string): string {
  return text.includes('tptm_') ? text.replace(API_KEY_IN_TEXT, 'tptm_[REDACTED]') : text;
}

/** Nest's start-up chatter (one line per module and route) is only interesting when debugging. */
const STARTUP_CONTEXTS = new Set(['NestFactory', 'InstanceLoader', 'RoutesResolver', 'RouterExplorer']);

/** Routes Nest's own log calls into the same JSON stream as request logs. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, context?: string) {
    if (context !== undefined && STARTUP_CONTEXTS.has(context)) this.logger.debug({ context }, String(message));
    else this.logger.info({ context }, String(message));
  }
  error(message: unknown, stackOrContext?: string, context?: string) {
    this.logger.error({ context: context ?? stackOrContext }, String(message));
  }
  warn(message: unknown, context?: string) {
    this.logger.warn({ context }, String(message));
  }
  debug(message: unknown, context?: string) {
    this.logger.debug({ context }, String(message));
  }
  verbose(message: unknown, context?: string) {
    this.logger.trace({ context }, String(message));
  }
  fatal(message: unknown, context?: string) {
    this.logger.fatal({ context }, String(message));
  }
}
