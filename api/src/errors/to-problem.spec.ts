import { DriverException } from '@mikro-orm/core';
import { loggableError, toProblem } from './to-problem';

/** What pg and PGlite raise when a query fails and nothing converts the error. */
function databaseError(code: string, extra: Record<string, unknown> = {}): Error {
  class DatabaseError extends Error {}
  const error = new DatabaseError(`select * from "api_key" where "key_digest" = 'secret-digest' - invalid input syntax`);
  return Object.assign(error, { code, severity: 'ERROR', routine: 'DateTimeParseError', ...extra });
}

describe('loggableError', () => {
  it.each([
    ['a MikroORM DriverException', new DriverException(databaseError('42P01'))],
    ['a bare pg DatabaseError', databaseError('22007')],
    ['a PGlite error with the query and params', databaseError('22008', { query: 'select 1', params: ['secret-digest'] })],
  ])('keeps only the class and SQLSTATE of %s', (_label, error) => {
    const logged = loggableError(error);
    expect(Object.keys(logged).sort()).toEqual(['code', 'type']);
    expect(logged.code).toMatch(/^[0-9A-Z]{5}$/);
    expect(JSON.stringify(logged)).not.toMatch(/secret|select/);
  });

  it('keeps the message and stack of our own errors', () => {
    expect(loggableError(new TypeError('x is undefined'))).toMatchObject({ type: 'TypeError', message: 'x is undefined' });
  });
});

describe('toProblem', () => {
  it('answers a data exception (a value the database cannot read) as 400, flagged for a warning', () => {
    const rendered = toProblem(databaseError('22008'));
    expect(rendered.body.status).toBe(400);
    expect(rendered.serverFault).toBe(false);
    expect(rendered.reachedDatabase).toBe(true);
  });

  it.each(['57P01', '08006'])('answers a bare driver error %s (the server terminated or lost the connection) as 503 with Retry-After', (code) => {
    const rendered = toProblem(databaseError(code));
    expect(rendered.body.status).toBe(503);
    expect(rendered.headers['Retry-After']).toBe('5');
  });

  it.each(['Connection terminated unexpectedly', 'Client was closed and is not queryable'])(
    'answers a driver error without a code, "%s", as 503',
    (message) => {
      const error = new DriverException(Object.assign(new Error(`select 1 - ${message}`), { query: 'select 1' }));
      expect(toProblem(error).body.status).toBe(503);
    },
  );

  it('still answers other database errors as a logged 500', () => {
    const rendered = toProblem(databaseError('42P01'));
    expect(rendered.body.status).toBe(500);
    expect(rendered.serverFault).toBe(true);
  });
});
