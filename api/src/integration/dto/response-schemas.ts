/**
 * JSON Schemas of the integration routes' answers, for Fastify to serialize
 * them with (fast-json-stringify): it writes a known shape several times
 * faster than JSON.stringify, on the routes integrations call most. They
 * describe exactly the DTOs beside them (the OpenAPI document still comes
 * from those); `response-schemas.spec.ts` holds each to JSON.stringify's
 * output. A property missing here would be dropped from the answer, so keep
 * them in step with the DTOs.
 */
const dateTime = { type: 'string', format: 'date-time' } as const;
const text = { type: 'string' } as const;

export const PING_RESPONSE_SCHEMA = {
  type: 'object',
  required: ['status', 'time'],
  properties: { status: text, time: dateTime },
} as const;

export const WHOAMI_RESPONSE_SCHEMA = {
  type: 'object',
  required: ['organization', 'apiKey'],
  properties: {
    organization: { type: 'object', required: ['id', 'name'], properties: { id: text, name: text } },
    apiKey: {
      type: 'object',
      required: ['id', 'name', 'maskedKey', 'permissions', 'expiresAt'],
      properties: {
        id: text,
        name: text,
        maskedKey: text,
        permissions: { type: 'array', items: text },
        expiresAt: { type: ['string', 'null'], format: 'date-time' },
      },
    },
  },
} as const;

export const VERIFY_RESPONSE_SCHEMA = {
  type: 'object',
  required: ['valid', 'code'],
  properties: {
    valid: { type: 'boolean' },
    code: text,
    organization: WHOAMI_RESPONSE_SCHEMA.properties.organization,
    apiKey: WHOAMI_RESPONSE_SCHEMA.properties.apiKey,
    rateLimit: {
      type: 'object',
      required: ['limit', 'remaining', 'resetSeconds'],
      properties: { limit: { type: 'number' }, remaining: { type: 'number' }, resetSeconds: { type: 'number' } },
    },
  },
} as const;
