import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { PasswordHasher } from '../auth/password-hasher';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { AuditService } from '../audit/audit.service';
import { randomBase62 } from '../common/random';
import { User } from '../auth/user.entity';
import { OrganizationsService } from './organizations.service';

/** Where, under TPTM_DATA_DIR, a generated first-run password is left when there is no terminal to show it on. */
export const FIRST_RUN_PASSWORD_FILE = 'first-run-password';

/**
 * On an empty database, creates the first organization and its Owner so a
 * new installation can be signed into at once. Does nothing on later starts;
 * an advisory lock keeps instances starting together from racing.
 */
@Injectable()
export class FirstRunService implements OnApplicationBootstrap {
  private readonly logger = new Logger(FirstRunService.name);

  constructor(
    private readonly em: EntityManager,
    private readonly organizations: OrganizationsService,
    private readonly audit: AuditService,
    private readonly passwords: PasswordHasher,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { email, password, organizationName } = this.config.bootstrap;
    if (await this.em.fork().count(User)) return;
    const generated = password === undefined ? randomBase62(24) : undefined;
    const passwordHash = await this.passwords.hash(password ?? generated!);

    const created = await this.em.fork().transactional(async (tx) => {
      await tx.execute("select pg_advisory_xact_lock(hashtext('tptm:first-run'))");
      if (await tx.count(User)) return false;
      const owner = new User(email, 'Administrator', passwordHash);
      tx.persist(owner);
      const organization = this.organizations.createWithOwner(tx, organizationName, owner);
      this.audit.record(
        tx,
        organization.id,
        'organization.created',
        { type: 'system', id: null, name: 'First run', email: null, maskedKey: null, client: null },
        { type: 'organization', id: organization.id, name: organization.name },
      );
      return true;
    });
    if (!created) return;

    this.logger.log(`Created organization "${organizationName}" with Owner ${email}`);
    if (generated) this.reveal(email, generated);
  }

  /**
   * Shows the generated password once. In a terminal it is printed; anywhere
   * else stdout is the structured log stream, collected and kept by whatever
   * runs the server, so the password goes into a file only its owner can
   * read, and the log says where.
   */
  private reveal(email: string, password: string): void {
    if (this.config.bootstrap.terminal) {
      process.stdout.write(
        [
          '',
          '  ┌─ TPTM first run ─────────────────────────────────────────────',
          `  │ Sign in as   ${email}`,
          `  │ Password     ${password}`,
          '  │ This password is shown only now. Change it after signing in,',
          '  │ or set TPTM_ADMIN_PASSWORD before the first start next time.',
          '  └──────────────────────────────────────────────────────────────',
          '',
          '',
        ].join('\n'),
      );
      return;
    }
    mkdirSync(this.config.dataDir, { recursive: true, mode: 0o700 });
    const file = join(this.config.dataDir, FIRST_RUN_PASSWORD_FILE);
    writeFileSync(file, `${email}\n${password}\n`, { mode: 0o600 });
    chmodSync(file, 0o600);
    this.logger.warn(
      `The generated password of ${email} is in ${file} (readable only by this user). ` +
        'Sign in, change it, then delete the file; or set TPTM_ADMIN_PASSWORD before the first start.',
    );
  }
}
