import { MikroORM } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { AppConfig } from '../config/app-config';
import { EmbeddedDatabase } from '../database/embedded-database';
import { ormOptions } from '../database/orm-options';
import { ENTITIES } from '../entities';
import { generateServiceToken } from '../auth/api-keys/key-format';
import { REVOCATION_CHANNEL, SERVICE_TOKEN_REVOKED } from '../auth/api-keys/revocation-feed';
import { ServiceToken, SystemAuditEvent } from '../auth/service-tokens/service-token.entity';

export const SERVICE_TOKEN_USAGE = 'Usage: npm run service-token -- create <name> | list | revoke <id> | events';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Who the system events of this command name as their actor: whoever can run commands on the server. */
const OPERATOR = 'Operator (command line)';

type Print = { out(line: string): void; err(line: string): void };

/**
 * `npm run service-token -- …`: the operator's tokens for the platform's
 * other services. A new token is printed once, beside its id, and stored as a
 * digest; `list` never shows a secret. A revocation is told to every running
 * instance in the same transaction (on PostgreSQL; the embedded database is
 * used with the server stopped). Making and revoking are system events,
 * listed by `events`. Returns the exit code.
 */
export async function serviceTokenCommand(config: AppConfig, args: string[], print: Print, embedded?: EmbeddedDatabase): Promise<number> {
  const [command, argument, ...extra] = args;
  const valid =
    extra.length === 0 &&
    ((command === 'create' && argument !== undefined && argument.trim() !== '') ||
      ((command === 'list' || command === 'events') && argument === undefined) ||
      (command === 'revoke' && argument !== undefined));
  if (!valid) {
    print.err(SERVICE_TOKEN_USAGE);
    return 2;
  }
  if (command === 'revoke' && !UUID.test(argument)) {
    print.err(`"${argument}" is not a service token id (a UUID, as \`list\` shows).`);
    return 1;
  }
  const opened = config.databaseUrl || embedded ? undefined : await EmbeddedDatabase.open(config.embeddedDatabase);
  const orm = await MikroORM.init(ormOptions(config.databaseUrl, embedded ?? opened, { entities: ENTITIES }));
  const em = orm.em.fork() as EntityManager;
  try {
    switch (command) {
      case 'create':
        return await create(em, argument.trim(), print);
      case 'list':
        return await list(em, print);
      case 'revoke':
        return await revoke(em, argument, print);
      default:
        return await events(em, print);
    }
  } finally {
    await orm.close();
    await opened?.close();
  }
}

async function create(em: EntityManager, name: string, print: Print): Promise<number> {
  if (name.length > 100 || /\p{Cc}/u.test(name)) {
    print.err('A service token name is 1-100 characters, without control characters.');
    return 1;
  }
  const { token, digest } = generateServiceToken();
  const serviceToken = new ServiceToken(name, digest);
  em.persist([serviceToken, new SystemAuditEvent('service_token.created', OPERATOR, serviceToken)]);
  await em.flush();
  print.out(`Service token "${name}" created, id ${serviceToken.id}.`);
  print.out('It is shown only this once; give it to the service as `Authorization: Bearer <token>`:');
  print.out(token);
  return 0;
}

async function list(em: EntityManager, print: Print): Promise<number> {
  const tokens = await em.find(ServiceToken, {}, { orderBy: { createdAt: 'asc', id: 'asc' } });
  if (tokens.length === 0) print.out('No service tokens.');
  for (const t of tokens) {
    print.out(
      [t.id, JSON.stringify(t.name), `created ${t.createdAt.toISOString()}`, t.revokedAt ? `revoked ${t.revokedAt.toISOString()}` : 'active'].join(
        '\t',
      ),
    );
  }
  return 0;
}

async function revoke(em: EntityManager, id: string, print: Print): Promise<number> {
  const outcome = await em.transactional(async (tx) => {
    const token = await tx.findOne(ServiceToken, { id });
    if (!token) return 'missing';
    if (token.revokedAt) return 'already';
    token.revokedAt = new Date();
    tx.persist(new SystemAuditEvent('service_token.revoked', OPERATOR, token));
    await tx.flush();
    await tx.execute('select pg_notify(?, ?)', [REVOCATION_CHANNEL, SERVICE_TOKEN_REVOKED]);
    return 'revoked';
  });
  if (outcome === 'missing') {
    print.err(`No service token has the id ${id}.`);
    return 1;
  }
  print.out(
    outcome === 'already' ? `Service token ${id} was already revoked.` : `Service token ${id} revoked: refused from now on, on every instance.`,
  );
  return 0;
}

async function events(em: EntityManager, print: Print): Promise<number> {
  const rows = await em.find(SystemAuditEvent, {}, { orderBy: { occurredAt: 'desc', id: 'desc' } });
  if (rows.length === 0) print.out('No system events.');
  for (const e of rows) print.out([e.occurredAt.toISOString(), e.action, e.actorName, e.targetId, JSON.stringify(e.targetName)].join('\t'));
  return 0;
}
