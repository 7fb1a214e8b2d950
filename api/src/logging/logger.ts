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
export function createLogger(level: LogLevel, destination: DestinationStream = stdout()): Logger {
  return pino(
    {
      level,
      base: undefined,
      timestamp: isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    destination,
  );
}

/**
 * How long a line may wait in the buffer before it is written: lines go out
 * in writes of at least LOG_BUFFER_BYTES, or after this long, whichever comes
 * first, and at exit (pino flushes its destination synchronously then).
 */
export const LOG_FLUSH_MS = 100;
const LOG_BUFFER_BYTES = 4096;

/**
 * Standard output, asynchronously and in batches: one write per request
 * line was a tenth of the CPU of an anonymous request in `npm run bench`.
 */
function stdout(): DestinationStream {
  return pino.destination({ dest: 1, sync: false, minLength: LOG_BUFFER_BYTES, periodicFlush: LOG_FLUSH_MS });
}

/**
 * pino's `isoTime` (`,"time":"2026-12-03T08:55:41.123Z"`), with the part up
 * to the second worked out once a second instead of formatting a Date for
 * every line.
 */
let stampSecond = -1;
let stampPrefix = '';
export function isoTime(now = Date.now()): string {
  const second = Math.floor(now / 1000);
  if (second !== stampSecond) {
    stampSecond = second;
    stampPrefix = `,"time":"${new Date(second * 1000).toISOString().slice(0, 20)}`;
  }
  const ms = now - second * 1000;
  return `${stampPrefix}${ms < 10 ? '00' : ms < 100 ? '0' : ''}${ms}Z"`;
}

/** API keys, and the invitation, reset and refresh tokens (`tptm_inv_…`), all start with `tptm_`. */
const TPTM_SECRET = /tptm_[0-9A-Za-z_]{8,}/;
/**
 * Whether the text holds a JWT: base64url JSON header (`{"` encodes as `eyJ`),
 * payload and signature, joined by dots. Within a run of base64url characters
 * and dots, that is a dot-separated part holding `eyJ` with at least two dots
 * after it. Worked out by splitting, in linear time: the pattern
 * `eyJ[…]*\.[…]*\.` rescanned a long `eyJeyJ…` from each of its `eyJ` (ReDoS).
 */
const holdsJwt = (text: string) =>
  text.split(/[^0-9A-Za-z_.-]/).some((run) =>
    run
      .split('.')
      .slice(0, -2)
      .some((part) => part.includes('eyJ')),
  );
/** Query parameters whose value is a credential whatever it looks like. */
const SECRET_PARAMETER = /token|key|secret|passw|auth|session|signature|code/i;
/** Only a URL with one of these can hold a secret worth scrubbing: the usual one is returned untouched, at no cost. */
const MIGHT_HOLD_A_SECRET = /[%?+]|tptm_|eyJ/;

const decoded = (text: string) => {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
};
const holdsSecret = (text: string) => TPTM_SECRET.test(text) || holdsJwt(text);

/**
 * For URLs, which a client may put a credential into by mistake: each path
 * segment and query value is judged after percent-decoding (`%74ptm_…` is
 * still a key), and a segment or value holding an API key, one of our
 * tokens or a JWT, or a query parameter named like a credential
 * (`?access_token=`, `?api%5Fkey=`), is replaced whole.
 */
export function redactUrl(url: string): string {
  if (!MIGHT_HOLD_A_SECRET.test(url)) return url;
  const question = url.indexOf('?');
  const path = question === -1 ? url : url.slice(0, question);
  const redactedPath = path
    .split('/')
    .map((segment) => (holdsSecret(decoded(segment)) ? '[REDACTED]' : segment))
    .join('/');
  if (question === -1) return redactedPath;
  const query = url
    .slice(question + 1)
    .split('&')
    .map((pair) => {
      const equals = pair.indexOf('=');
      const name = equals === -1 ? pair : pair.slice(0, equals);
      const value = equals === -1 ? '' : pair.slice(equals + 1);
      if (holdsSecret(decoded(name))) return '[REDACTED]';
      return SECRET_PARAMETER.test(decoded(name)) || holdsSecret(decoded(value)) ? `${name}=[REDACTED]` : pair;
    })
    .join('&');
  return `${redactedPath}?${query}`;
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
