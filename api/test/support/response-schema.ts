import fc from 'fast-check';
import Fastify from 'fastify';

/** What Fastify writes for `value` when a route's 200 answer is serialized from `schema` (fast-json-stringify). */
export async function serializeWith(schema: object, value: unknown): Promise<string> {
  const app = Fastify();
  app.get('/', { schema: { response: { 200: schema } } }, () => value);
  const response = await app.inject('/');
  await app.close();
  return response.body;
}

/** Any instant an answer may carry, to the millisecond. */
export const anyDate = fc.date({ min: new Date('1970-01-01T00:00:00.000Z'), max: new Date('9999-12-31T23:59:59.999Z'), noInvalidDate: true });

/** Any text, control characters, quotes and lone surrogates included: what escaping must get right. */
export const anyText = fc.string({ unit: 'binary', maxLength: 40 });
