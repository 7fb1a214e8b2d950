/**
 * The JSON Schema of a page of keys, for Fastify to serialize it with
 * (fast-json-stringify): writing fifty keys with JSON.stringify was a tenth
 * of a page's CPU. It describes exactly `ApiKeyPage` (the OpenAPI document
 * still comes from the DTO), with the properties in the order the service
 * builds them; `api-key-page.schema.spec.ts` holds it to JSON.stringify's
 * output. A property missing here would be dropped from the answer, so keep
 * it in step with the DTO.
 */
const text = { type: 'string' } as const;
const dateTime = { type: 'string', format: 'date-time' } as const;
const dateTimeOrNull = { type: ['string', 'null'], format: 'date-time' } as const;

export const API_KEY_PAGE_RESPONSE_SCHEMA = {
  type: 'object',
  required: ['items', 'total', 'nextCursor'],
  properties: {
    items: {
      type: 'array',
      items: {
        type: 'object',
        required: [
          'id',
          'name',
          'maskedKey',
          'expiresAt',
          'previousKeyExpiresAt',
          'createdAt',
          'createdBy',
          'lastUsedAt',
          'permissions',
          'enabled',
          'rateLimit',
          'allowedIps',
          'revokedAt',
          'exposure',
          'policyViolations',
          'requests30d',
        ],
        properties: {
          id: text,
          name: text,
          maskedKey: text,
          expiresAt: dateTimeOrNull,
          previousKeyExpiresAt: dateTimeOrNull,
          createdAt: dateTime,
          createdBy: {
            type: ['object', 'null'],
            required: ['id', 'name', 'email'],
            properties: { id: text, name: text, email: text },
          },
          lastUsedAt: dateTimeOrNull,
          permissions: { type: 'array', items: text },
          enabled: { type: 'boolean' },
          rateLimit: {
            type: ['object', 'null'],
            required: ['requests', 'windowSeconds'],
            properties: { requests: { type: 'integer' }, windowSeconds: { type: 'integer' } },
          },
          allowedIps: { type: 'array', items: text },
          revokedAt: dateTimeOrNull,
          exposure: {
            type: ['object', 'null'],
            required: ['foundAt', 'url', 'source', 'reportedBy', 'action'],
            properties: {
              foundAt: dateTime,
              url: { type: ['string', 'null'] },
              source: { type: ['string', 'null'] },
              reportedBy: text,
              action: text,
            },
          },
          policyViolations: { type: 'array', items: text },
          requests30d: { type: 'integer' },
        },
      },
    },
    total: { type: 'integer' },
    nextCursor: { type: ['string', 'null'] },
  },
} as const;
