import fc from 'fast-check';
import { anyDate as date, anyText as text, serializeWith } from '../../../test/support/response-schema';
import { Permission } from '../../authz/permissions';
import { EXPOSURE_ACTIONS, POLICY_RULES } from '../../auth/api-keys/key-policy-rules';
import { EXPOSURE_REPORTERS } from '../api-key.entity';
import { API_KEY_PAGE_RESPONSE_SCHEMA } from './api-key-page.schema';

/**
 * A page of keys is serialized from a schema (api-key-page.schema.ts).
 * Whatever the values, the body must be exactly what JSON.stringify wrote
 * before: nothing dropped, reordered, escaped otherwise or retyped.
 */
describe('API key page response schema', () => {
  const key = fc.record({
    id: fc.uuid(),
    name: text,
    maskedKey: text,
    expiresAt: fc.option(date, { nil: null }),
    previousKeyExpiresAt: fc.option(date, { nil: null }),
    createdAt: date,
    createdBy: fc.option(fc.record({ id: fc.uuid(), name: text, email: text }), { nil: null }),
    lastUsedAt: fc.option(date, { nil: null }),
    permissions: fc.subarray(Object.values(Permission)),
    enabled: fc.boolean(),
    rateLimit: fc.option(fc.record({ requests: fc.integer({ min: 1, max: 1_000_000 }), windowSeconds: fc.integer({ min: 1, max: 86_400 }) }), {
      nil: null,
    }),
    allowedIps: fc.array(fc.oneof(fc.ipV4(), fc.ipV6()), { maxLength: 3 }),
    revokedAt: fc.option(date, { nil: null }),
    exposure: fc.option(
      fc.record({
        foundAt: date,
        url: fc.option(text, { nil: null }),
        source: fc.option(text, { nil: null }),
        reportedBy: fc.constantFrom(...EXPOSURE_REPORTERS),
        action: fc.constantFrom(...EXPOSURE_ACTIONS),
      }),
      { nil: null },
    ),
    policyViolations: fc.subarray([...POLICY_RULES]),
    requests30d: fc.nat(),
  });
  const page = fc.record({ items: fc.array(key, { maxLength: 5 }), total: fc.nat(), nextCursor: fc.option(fc.base64String(), { nil: null }) });

  it('writes the same JSON as JSON.stringify, for any keys, creators, dates, limits and cursor', async () => {
    await fc.assert(
      fc.asyncProperty(page, async (value) => {
        expect(await serializeWith(API_KEY_PAGE_RESPONSE_SCHEMA, value)).toBe(JSON.stringify(value));
      }),
      { numRuns: 100 },
    );
  });
});
