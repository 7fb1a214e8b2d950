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

/**
 * Routes Nest's own log calls into the same JSON stream as request logs.
 * `new Logger(Context).warn({ err }, 'text')` reaches here as
 * `warn({ err }, 'text', 'Context')`: an object message becomes the line's
 * fields and the text its message, as in pino.
 */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, ...params: unknown[]) {
    const context = params.at(-1);
    if (typeof context === 'string' && STARTUP_CONTEXTS.has(context)) this.write('debug', message, params);
    else this.write('info', message, params);
  }
  error(message: unknown, ...params: unknown[]) {
    this.write('error', message, params);
  }
  warn(message: unknown, ...params: unknown[]) {
    this.write('warn', message, params);
  }
  debug(message: unknown, ...params: unknown[]) {
    this.write('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]) {
    this.write('trace', message, params);
  }
  fatal(message: unknown, ...params: unknown[]) {
    this.write('fatal', message, params);
  }

  private write(level: 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal', message: unknown, params: unknown[]) {
    const context = params.length > 0 && typeof params.at(-1) === 'string' ? (params.at(-1) as string) : undefined;
    if (message !== null && typeof message === 'object' && !(message instanceof Error)) {
      const text = params.length > 1 && typeof params[0] === 'string' ? params[0] : '';
      this.logger[level]({ context, ...message }, text);
    } else {
      this.logger[level]({ context }, String(message));
    }
  }
}
