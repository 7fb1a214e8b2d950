import fc from 'fast-check';
import { anyDate as date, anyText as text, serializeWith } from '../../../test/support/response-schema';
import { Permission } from '../../authz/permissions';
import { PING_RESPONSE_SCHEMA, WHOAMI_RESPONSE_SCHEMA } from './response-schemas';

/**
 * The integration routes' answers are serialized from a schema
 * (response-schemas.ts). Whatever the values, the body must be exactly what
 * JSON.stringify wrote before: nothing dropped, escaped otherwise or retyped.
 */
describe('integration response schemas', () => {
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
