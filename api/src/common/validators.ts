import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsString, Length, Matches, MaxLength, ValidateBy } from 'class-validator';

/**
 * What a person cannot see, or that makes a name read differently than it is:
 * controls, format characters (zero-width and direction marks, soft hyphens,
 * tag characters), other default-ignorable code points (variation selectors,
 * fillers), unpaired surrogates, private-use characters and line separators.
 */
const INVISIBLE_CHARACTERS = /^[^\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Zl}\p{Zp}\p{Default_Ignorable_Code_Point}]*$/u;

const trim = Transform(({ value }) => (typeof value === 'string' ? value.trim() : value));

/**
 * One spelling for what a person reads as one name: compatibility forms
 * folded (NFKC: `ﬀ` is `ff`, a full-width `Ａ` is `A`, a no-break space is a
 * space), runs of spaces collapsed (a line break stays, to be refused),
 * the ends trimmed. Stored and compared in this form, so look-alikes collide
 * as the same name (409).
 */
export const normalizeName = (value: string) =>
  value
    .normalize('NFKC')
    .replace(/\p{Zs}+/gu, ' ')
    .trim();

/** The longest name of a key, role, organization or person, in the spec and so in the console's forms. */
export const NAME_MAX_LENGTH = 100;

/** The longest email address: RFC 5321's 256-octet path, less its angle brackets. */
export const EMAIL_MAX_LENGTH = 254;

/** A password people choose: long enough to resist guessing, short enough that hashing it is bounded work. */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

/** Names of keys, roles, organizations and people: normalized, 1–100 characters, all of them visible. */
export function IsDisplayName() {
  return applyDecorators(
    ApiProperty({ minLength: 1, maxLength: NAME_MAX_LENGTH }),
    Transform(({ value }) => (typeof value === 'string' ? normalizeName(value) : value)),
    IsString({ message: 'must be a string' }),
    Length(1, NAME_MAX_LENGTH, { message: `must be 1 to ${NAME_MAX_LENGTH} characters long (after trimming spaces)` }),
    Matches(INVISIBLE_CHARACTERS, { message: 'must not contain control, invisible or format characters' }),
  );
}

/**
 * Something, `@`, then a domain of dot-separated labels. No two repetitions
 * can take the same character (a dot only starts a label), so a failing
 * match is tried one way only: linear in the input, where the pattern before
 * it tried every split of `a@` + 16,000 dots + `@` (ReDoS).
 */
const EMAIL_ADDRESS = /^[^\s@]+@[^\s@.]+(?:\.[^\s@.]+)+$/;

export function IsEmailAddress() {
  return applyDecorators(
    ApiProperty({ format: 'email', maxLength: EMAIL_MAX_LENGTH }),
    trim,
    IsString({ message: 'must be a string' }),
    MaxLength(EMAIL_MAX_LENGTH, { message: `must be at most ${EMAIL_MAX_LENGTH} characters long` }),
    // The length first: an over-long value is refused for that alone, and no pattern ever reads it.
    ValidateBy({
      name: 'isEmailAddress',
      validator: {
        validate: (value: unknown) => typeof value !== 'string' || value.length > EMAIL_MAX_LENGTH || EMAIL_ADDRESS.test(value),
        defaultMessage: () => 'must be an email address, like name@example.com',
      },
    }),
  );
}

/**
 * A whole number in a query string, where every value arrives as text: only
 * digits become a number. `Number()` would also read `1e1`, `0x1e` and ` 30`;
 * anything but digits stays text, for `@IsInt` to refuse naming the field.
 * Fifteen digits at most, so the number read is the number written.
 */
export const QueryInteger = () => Transform(({ value }) => (typeof value === 'string' && /^[0-9]{1,15}$/.test(value) ? Number(value) : value));

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

/** RFC 3339: a full date and time with a time zone (`Z` or an offset), as JSON clients write it. */
const RFC_3339 = /^(\d{4})-(\d{2})-(\d{2})T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,9})?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/i;

/**
 * The instant an RFC 3339 date and time names, in epoch milliseconds, or
 * undefined. Date.parse alone rolls a day past the end of its month into the
 * next one (30 February becomes 2 March): an instant nobody wrote is refused.
 */
export function parseRfc3339(value: unknown): number | undefined {
  const parts = typeof value === 'string' ? RFC_3339.exec(value) : null;
  if (!parts) return undefined;
  const [year, month, day] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  if (month < 1 || month > 12 || day < 1 || day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return undefined;
  const at = Date.parse(value as string);
  return Number.isNaN(at) ? undefined : at;
}
