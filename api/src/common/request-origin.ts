import type { FastifyRequest } from 'fastify';

/**
 * The origin the caller reached the server at, for a link shown back to that
 * same caller. Emailed links never use it: a request can claim any Host, so
 * they use TPTM_PUBLIC_URL.
 */
export function requestOrigin(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}`;
}
