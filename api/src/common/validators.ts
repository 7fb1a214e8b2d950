import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsString, Length, Matches, MaxLength } from 'class-validator';

/** C0/C1 controls, plus the bidirectional overrides that can make a name read differently than it is. */
const FORBIDDEN_CHARACTERS = /^[^\p{Cc}\u202A-\u202E\u2066-\u2069]*$/u;

const trim = Transform(({ value }) => (typeof value === 'string' ? value.trim() : value));

/** Names of keys, roles, organizations and people: trimmed, 1–100 characters, printable. */
export function IsDisplayName() {
  return applyDecorators(
    ApiProperty({ minLength: 1, maxLength: 100 }),
    trim,
    IsString({ message: 'must be a string' }),
    Length(1, 100, { message: 'must be 1 to 100 characters long (after trimming spaces)' }),
    Matches(FORBIDDEN_CHARACTERS, { message: 'must not contain control characters' }),
  );
}

export function IsEmailAddress() {
  return applyDecorators(
    ApiProperty({ format: 'email', maxLength: 254 }),
    trim,
    IsString({ message: 'must be a string' }),
    MaxLength(254, { message: 'must be at most 254 characters long' }),
    Matches(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, { message: 'must be an email address, like name@example.com' }),
  );
}

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A list of distinct ids of one kind of thing, such as role ids. */
export function IsUuidList(of: string, max: number) {
  return applyDecorators(
    ApiProperty({ type: [String], format: 'uuid', maxItems: max, uniqueItems: true }),
    IsArray({ message: `must be an array of ${of} ids` }),
    ArrayMaxSize(max, { message: `must list at most ${max} ${of}s` }),
    ArrayUnique({ message: `must not repeat a ${of}` }),
    Matches(UUID_PATTERN, { each: true, message: `must contain only ${of} ids (UUIDs)` }),
  );
}
