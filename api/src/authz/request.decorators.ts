import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { OrganizationAccess, UserPrincipal } from './principal';

/** Where a request came from, for the audit log. */
export interface ClientInfo {
  ip: string;
  userAgent: string | null;
}

const request = (context: ExecutionContext) => context.switchToHttp().getRequest<FastifyRequest>();

/** The caller's membership in the route's organization, resolved by the access guard. */
export const Access = createParamDecorator((_: unknown, context): OrganizationAccess => request(context).access!);

export const CurrentUser = createParamDecorator((_: unknown, context): UserPrincipal => request(context).user as UserPrincipal);

export const Client = createParamDecorator((_: unknown, context): ClientInfo => {
  const req = request(context);
  const userAgent = req.headers['user-agent'];
  return { ip: req.ip, userAgent: userAgent ? userAgent.slice(0, 512) : null };
});
