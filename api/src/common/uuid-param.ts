import { Param, PipeTransform } from '@nestjs/common';
import { ApiParam } from '@nestjs/swagger';
import { applyDecorators } from '@nestjs/common';
import { validationFailed } from '../errors/problem';
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

/** Documents a UUID path parameter. */
export const ApiUuidParam = (name: string, description: string) =>
  applyDecorators(ApiParam({ name, description, schema: { type: 'string', format: 'uuid' } }));
