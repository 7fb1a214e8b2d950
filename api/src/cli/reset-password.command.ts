import { MikroORM } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { AppConfig } from '../config/app-config';
import { EmbeddedDatabase } from '../database/embedded-database';
import { ormOptions } from '../database/orm-options';
import { ENTITIES } from '../entities';
import { consoleOrigin, createPasswordResetLink } from '../auth/password-reset.service';

/**
 * `npm run reset-password -- <email>`: the way back in when the server sends
 * no email. Only someone who can run commands on the server (and so read its
 * database anyway) can make the link; it goes to that terminal, never to a log.
 * Returns the exit code. `embedded` is an already open embedded database to
 * use (and leave open); without it one is opened from the configuration.
 */
export async function resetPasswordCommand(
  config: AppConfig,
  email: string,
  print: { out(line: string): void; err(line: string): void },
  embedded?: EmbeddedDatabase,
): Promise<number> {
  const opened = config.databaseUrl || embedded ? undefined : await EmbeddedDatabase.open(config.embeddedDatabase);
  const orm = await MikroORM.init(ormOptions(config.databaseUrl, embedded ?? opened, { entities: ENTITIES }));
  try {
    const created = await createPasswordResetLink(orm.em.fork() as EntityManager, email, consoleOrigin(config));
    if (!created) {
      print.err(`No account has the email ${email}.`);
      return 1;
    }
    print.out(`Open this link within the hour to choose a new password for ${created.email}.`);
    print.out('It works once; using it signs the account out everywhere.');
    print.out(created.link);
    return 0;
  } finally {
    await orm.close();
    await opened?.close();
  }
}
