import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { unauthorized } from '../../errors/problem';
import type { ServicePrincipal } from '../../authz/principal';
import { FailureLimiter, KEY_FAILURE_LIMITER } from '../failure-limiter';
import { digestApiKey, isWellFormedServiceToken } from '../api-keys/key-format';
import { RevocationFeed } from '../api-keys/revocation-feed';

const BEARER = /^Bearer +(\S+) *$/i;

/**
 * Authenticates the platform's other services by their service token. A
 * verified token is remembered by digest while the revocation feed is live
 * (and only for the live period it was verified in), and forgotten on every
 * instance the moment the operator revokes one, as a key is. A client that
 * keeps presenting bad tokens is refused with 429 like one guessing keys; a
 * valid token is never limited, however many keys it verifies.
 */
@Injectable()
export class ServiceTokenAuth implements OnModuleInit {
  private readonly verified = new Map<string, { principal: ServicePrincipal; generation: number }>();

  constructor(
    private readonly em: EntityManager,
    private readonly feed: RevocationFeed,
    @Inject(KEY_FAILURE_LIMITER) private readonly limiter: FailureLimiter,
  ) {}

  onModuleInit(): void {
    this.feed.subscribe({ serviceTokenRevoked: () => this.verified.clear() });
  }

  authenticate(request: FastifyRequest): ServicePrincipal | Promise<ServicePrincipal> {
    if (this.limiter.tracking) this.limiter.assertAllowed(request.ip);
    const token = BEARER.exec(request.headers.authorization ?? '')?.[1];
    if (token === undefined || !isWellFormedServiceToken(token)) return this.refuse(request);
    const digest = digestApiKey(token);
    const generation = this.feed.generation;
    const cached = this.verified.get(digest);
    if (cached !== undefined && generation !== -1 && cached.generation === generation) return cached.principal;
    return this.lookUp(request, digest, generation);
  }

  private async lookUp(request: FastifyRequest, digest: string, generation: number): Promise<ServicePrincipal> {
    const [row] = await this.em.execute<{ id: string; name: string }[]>(
      'select id, name from service_token where digest = ? and revoked_at is null',
      [digest],
    );
    if (!row) return this.refuse(request);
    const principal: ServicePrincipal = { kind: 'service', serviceTokenId: row.id, name: row.name };
    if (generation !== -1 && this.feed.generation === generation) this.verified.set(digest, { principal, generation });
    return principal;
  }

  private refuse(request: FastifyRequest): never {
    this.limiter.recordFailure(request.ip);
    throw unauthorized();
  }
}
