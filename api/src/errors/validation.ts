import { ArgumentMetadata, Injectable, ValidationError, ValidationPipe } from '@nestjs/common';
import { ValidateBy } from 'class-validator';
import { FieldError, validationFailed } from './problem';

/**
 * Refuses C0/C1 control characters (NUL included) in a string field, so a
 * value the database cannot store (PostgreSQL text has no NUL) is a 400 on
 * that field instead of an error from the database.
 */
export function HasNoControlCharacters(): PropertyDecorator {
  return ValidateBy({
    name: 'hasNoControlCharacters',
    validator: {
      validate: (value: unknown) => typeof value !== 'string' || !/\p{Cc}/u.test(value),
      defaultMessage: () => 'must not contain control characters',
    },
  });
}

const ACCEPTS_NULL = Symbol('fields where null is a value');

/**
 * Marks a body field where null is a value of its own, not "unchanged"
 * (`expiresAt: null` means "never"), so the pipe lets null reach its validators.
 */
export function AcceptsNull(): PropertyDecorator {
  return (target, property) => {
    const fields = (Reflect.getMetadata(ACCEPTS_NULL, target.constructor) as string[] | undefined) ?? [];
    Reflect.defineMetadata(ACCEPTS_NULL, [...fields, String(property)], target.constructor);
  };
}

/**
 * Strict validation for every body, query and parameter DTO: unknown fields
 * are refused rather than silently dropped, and each problem is reported
 * against the field it concerns so clients can show it beside the input.
 */
@Injectable()
export class StrictValidationPipe extends ValidationPipe {
  constructor() {
    super({
      whitelist: true,
      forbidNonWhitelisted: true,
      forbidUnknownValues: true,
      transform: true,
      transformOptions: { enableImplicitConversion: false },
      // Values are read only to tell a missing field from a wrong one; they are never echoed.
      validationError: { target: false, value: true },
      exceptionFactory: (errors) => validationFailed(flatten(errors)),
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const isDto = typeof metadata.metatype === 'function' && this.toValidate(metadata);
    if (isDto && metadata.type === 'body' && !isPlainObject(value)) {
      throw validationFailed([{ field: 'body', message: 'must be a JSON object' }]);
    }
    const transformed: unknown = await super.transform(value, metadata);
    // Only fields marked @AcceptsNull take null, but @IsOptional (which PartialType puts
    // on every field of an update) lets null through to the service as if valid.
    const nullable = isDto ? ((Reflect.getMetadata(ACCEPTS_NULL, metadata.metatype!) as string[] | undefined) ?? []) : [];
    const nulls =
      isDto && metadata.type === 'body'
        ? Object.keys(value as object).filter((k) => (value as Record<string, unknown>)[k] === null && !nullable.includes(k))
        : [];
    if (nulls.length > 0) {
      throw validationFailed(nulls.map((field) => ({ field, message: 'must not be null; leave the field out to keep it unchanged' })));
    }
    return transformed;
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A value of the wrong type gets one message about its type, not one per rule it also breaks. */
const TYPE_CONSTRAINTS = ['isString', 'isArray', 'isInt', 'isNumber', 'isBoolean', 'isObject'];

function flatten(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const constraints = error.constraints ?? {};
    if (constraints.whitelistValidation) return [{ field, message: 'is not a known field; remove it' }];
    if (error.value === undefined && Object.keys(constraints).length) return [{ field, message: 'is required' }];
    const typeError = TYPE_CONSTRAINTS.find((c) => c in constraints);
    const messages = typeError ? [constraints[typeError]] : [...new Set(Object.values(constraints))];
    return [...messages.map((message) => ({ field, message: stripFieldName(message, error.property) })), ...flatten(error.children ?? [], field)];
  });
}

/** class-validator starts its messages with the property name, which the `field` already carries. */
function stripFieldName(message: string, property: string): string {
  return message.startsWith(`${property} `) ? message.slice(property.length + 1) : message;
}
