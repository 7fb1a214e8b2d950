import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import type { FastifyRequest } from 'fastify';
import { validationFailed } from './problem';

/**
 * A route that reads no query string refuses one, as the strict pipe refuses
 * unknown fields where a route does take a query: `GET /me?orgId=…` would
 * otherwise answer as if the parameter had done something.
 */
@Injectable()
export class UnknownQueryGuard implements CanActivate {
  /** Whether each handler takes a query is fixed at boot; read once per route. */
  private readonly takesQuery = new Map<object, boolean>();

  canActivate(context: ExecutionContext): boolean {
    const handler = context.getHandler();
    let takes = this.takesQuery.get(handler);
    if (takes === undefined) {
      const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, context.getClass(), handler.name) ?? {}) as Record<string, unknown>;
      takes = Object.keys(args).some((key) => key.split(':')[0] === String(RouteParamtypes.QUERY));
      this.takesQuery.set(handler, takes);
    }
    if (takes) return true;
    const names = Object.keys((context.switchToHttp().getRequest<FastifyRequest>().query as object | undefined) ?? {});
    if (names.length === 0) return true;
    throw validationFailed(names.map((field) => ({ field, message: 'is not a known query parameter; remove it' })));
  }
}
