import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import { Strategy } from 'passport-strategy';
import type { ApiKeyPrincipal } from '../authz/principal';
import { ApiKeyVerifier } from './api-key.verifier';

type VerifyCallback = (key: string, done: (error: unknown, principal?: ApiKeyPrincipal | false | null) => void) => void;

const BEARER = /^Bearer +(\S+) *$/i;

/** The key from `X-API-Key`, or else from `Authorization: Bearer`. */
export function extractApiKey(request: FastifyRequest): string | undefined {
  const header = request.headers['x-api-key'];
  if (typeof header === 'string') return header.trim();
  const authorization = request.headers.authorization;
  return authorization ? BEARER.exec(authorization)?.[1] : undefined;
}

/** A passport strategy reading API keys from request headers. */
class HeaderApiKeyStrategy extends Strategy {
  constructor(private readonly verifyKey: VerifyCallback) {
    super();
  }

  override authenticate(request: unknown): void {
    const key = extractApiKey(request as FastifyRequest);
    if (!key) return this.fail(401);
    this.verifyKey(key, (error, principal) => {
      if (error) return this.error(error as Error);
      if (!principal) return this.fail(401);
      this.success(principal);
    });
  }
}

@Injectable()
export class ApiKeyStrategy extends PassportStrategy(HeaderApiKeyStrategy, 'api-key') {
  constructor(private readonly verifier: ApiKeyVerifier) {
    super();
  }

  validate(key: string): Promise<ApiKeyPrincipal | null> {
    return this.verifier.verify(key);
  }
}
