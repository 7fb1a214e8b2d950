import fc from 'fast-check';
import Fastify from 'fastify';
import { Permission } from '../../authz/permissions';
import { API_KEY_PAGE_RESPONSE_SCHEMA } from './api-key-page.schema';

/**
 * A page of keys is serialized from a schema (api-key-page.schema.ts).
 * Whatever the values, the body must be exactly what JSON.stringify wrote
 * before: nothing dropped, reordered, escaped otherwise or retyped.
 */
describe('API key page response schema', () => {
  const serialize = async (value: unknown) => {
    const app = Fastify();
    app.get('/', { schema: { response: { 200: API_KEY_PAGE_RESPONSE_SCHEMA } } }, () => value);
    const response = await app.inject('/');
    await app.close();
    return response.body;
  };
  const date = fc.date({ min: new Date('1970-01-01T00:00:00.000Z'), max: new Date('9999-12-31T23:59:59.999Z'), noInvalidDate: true });
  const text = fc.string({ unit: 'binary', maxLength: 40 });
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
  });
  const page = fc.record({ items: fc.array(key, { maxLength: 5 }), nextCursor: fc.option(fc.base64String(), { nil: null }) });

  it('writes the same JSON as JSON.stringify, for any keys, creators, dates and cursor', async () => {
    await fc.assert(
      fc.asyncProperty(page, async (value) => {
        expect(await serialize(value)).toBe(JSON.stringify(value));
      }),
      { numRuns: 100 },
    );
  });
});
