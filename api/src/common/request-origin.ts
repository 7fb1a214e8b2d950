import type { FastifyRequest } from 'fastify';
import { ProblemException } from '../errors/problem';

/** A host name or IPv4 address, or a bracketed IPv6 address, and an optional port: nothing a URL would read as user info, a path or a query. */
const PLAIN_HOST = /^(?:[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*|\[[0-9A-Fa-f:.]+\])(?::(\d{1,5}))?$/;
/** Longer than any real host name (253) with a port. */
const MAX_HOST_LENGTH = 300;

/**
 * The origin the caller reached the server at, for a link shown back to that
 * same caller. Emailed links never use it: a request can claim any Host, so
 * they use TPTM_PUBLIC_URL. Even shown to the caller only, a Host such as
 * `keys.example.com@evil.example` would make a link that leads elsewhere,
 * so anything but a plain host[:port] is refused rather than repeated.
 */
export function requestOrigin(request: FastifyRequest): string {
  const host = request.host;
  const plain = host.length <= MAX_HOST_LENGTH ? PLAIN_HOST.exec(host) : null;
  if (!plain || Number(plain[1] ?? 0) > 65535 || !['http', 'https'].includes(request.protocol)) {
    throw new ProblemException(
      'validation',
      'The Host header must be a plain host name and optional port (such as keys.example.com:8443) for the server to make a link with it. ' +
        "Set TPTM_PUBLIC_URL to the console's address, so links no longer depend on the request.",
    );
  }
  return `${request.protocol}://${host}`;
}
