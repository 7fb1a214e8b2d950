import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * The refresh token lives in a cookie no page script can read (HttpOnly),
 * that no other site can make the browser send (SameSite=Strict), and that
 * only the auth routes receive (Path). Access tokens stay in the tab's
 * memory, so a stolen page script gets at most a short-lived token.
 */
export const SESSION_COOKIE = 'tptm_session';
const COOKIE_PATH = '/api/v1/auth';

export function readSessionCookie(request: FastifyRequest): string | undefined {
  const header = request.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === SESSION_COOKIE) return value.join('=');
  }
  return undefined;
}

export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, refreshToken: string, maxAgeSeconds: number): void {
  reply.header('set-cookie', cookie(request, refreshToken, maxAgeSeconds));
}

export function clearSessionCookie(request: FastifyRequest, reply: FastifyReply): void {
  reply.header('set-cookie', cookie(request, '', 0));
}

/** `Secure` whenever the request came over TLS (as TPTM_TRUST_PROXY lets the server see it behind a proxy). */
function cookie(request: FastifyRequest, value: string, maxAgeSeconds: number): string {
  const secure = request.protocol === 'https' ? '; Secure' : '';
  return `${SESSION_COOKIE}=${value}; Path=${COOKIE_PATH}; Max-Age=${maxAgeSeconds}; HttpOnly; SameSite=Strict${secure}`;
}
