import { Param, PipeTransform } from '@nestjs/common';
import { ApiParam } from '@nestjs/swagger';
import { validationFailed } from '../errors/problem';
import { ApiProblem } from '../errors/problem.dto';
import { UUID_PATTERN } from './validators';

export function parseUuid(field: string, value: unknown): string {
  if (typeof value !== 'string' || !UUID_PATTERN.test(value)) {
    throw validationFailed([{ field, message: 'must be a UUID, like 0b7e5a6c-3f1d-4c2a-9e8b-5d4f3a2b1c0d' }]);
  }
  return value.toLowerCase();
}

class UuidPipe implements PipeTransform<unknown, string> {
  constructor(private readonly field: string) {}
  transform(value: unknown): string {
    return parseUuid(this.field, value);
  }
}

/** A path parameter that must be a UUID; a malformed one is a 400 naming the parameter. */
export const UuidParam = (name: string) => Param(name, new UuidPipe(name));

/**
 * Documents a UUID path parameter and, on a route, the 400 its `UuidParam`
 * gives. On a controller (`orgId`) only the parameter: `@Authenticated`
 * documents the 400, since the guard parses `orgId`, and a controller-level
 * 400 would be hidden by any route that documents its own.
 */
export const ApiUuidParam = (name: string, description: string) => (target: object, key?: string | symbol, descriptor?: PropertyDescriptor) => {
  ApiParam({ name, description, schema: { type: 'string', format: 'uuid' } })(target, key!, descriptor!);
  if (key !== undefined && descriptor) ApiProblem(400, `\`${name}\` is not a UUID.`)(target, key, descriptor);
};
