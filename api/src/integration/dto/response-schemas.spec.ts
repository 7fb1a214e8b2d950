import fc from 'fast-check';
import Fastify from 'fastify';
import { Permission } from '../../authz/permissions';
import { PING_RESPONSE_SCHEMA, WHOAMI_RESPONSE_SCHEMA } from './response-schemas';

/**
 * The integration routes' answers are serialized from a schema
 * (response-schemas.ts). Whatever the values, the body must be exactly what
 * JSON.stringify wrote before: nothing dropped, escaped otherwise or retyped.
 */
describe('integration response schemas', () => {
  const serializeWith = async (schema: object, value: unknown) => {
    const app = Fastify();
    app.get('/', { schema: { response: { 200: schema } } }, () => value);
    const response = await app.inject('/');
    await app.close();
    return response.body;
  };
  const date = fc.date({ min: new Date('1970-01-01T00:00:00.000Z'), max: new Date('9999-12-31T23:59:59.999Z'), noInvalidDate: true });
  const text = fc.string({ unit: 'binary', maxLength: 40 });

  it('ping: the same JSON as JSON.stringify', async () => {
    await fc.assert(
      fc.asyncProperty(date, async (time) => {
        const value = { status: 'ok', time };
        expect(await serializeWith(PING_RESPONSE_SCHEMA, value)).toBe(JSON.stringify(value));
      }),
      { numRuns: 50 },
    );
  });

  it('whoami: the same JSON as JSON.stringify, for any names, permissions and expiry', async () => {
    const whoami = fc.record({
      organization: fc.record({ id: fc.uuid(), name: text }),
      apiKey: fc.record({
        id: fc.uuid(),
        name: text,
        maskedKey: text,
        permissions: fc.subarray(Object.values(Permission)),
        expiresAt: fc.option(date, { nil: null }),
      }),
    });
    await fc.assert(
      fc.asyncProperty(whoami, async (value) => {
        expect(await serializeWith(WHOAMI_RESPONSE_SCHEMA, value)).toBe(JSON.stringify(value));
      }),
      { numRuns: 100 },
    );
  });
});
