import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { ApiKeysModule } from './api-keys/api-keys.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { AuthzModule } from './authz/authz.module';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import type { EmbeddedDatabase } from './database/embedded-database';
import { ENTITIES } from './entities';
import { ProblemFilter } from './errors/problem.filter';
import { UnknownQueryGuard } from './errors/unknown-query.guard';
import { HealthModule } from './health/health.module';
import { IdempotencyModule } from './idempotency/idempotency.module';
import { IntegrationModule } from './integration/integration.module';
import { InvitationsModule } from './invitations/invitations.module';
import { MembersModule } from './members/members.module';
import { OrganizationsModule } from './organizations/organizations.module';
import { RolesModule } from './roles/roles.module';
import { UsersModule } from './users/users.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, embedded?: EmbeddedDatabase): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule.forRoot(config.databaseUrl, embedded, ENTITIES, config.databaseTimeoutMs),
        AuthModule,
        AuthzModule,
        AuditModule,
        UsersModule,
        OrganizationsModule,
        RolesModule,
        MembersModule,
        InvitationsModule,
        ApiKeysModule,
        IntegrationModule,
        HealthModule,
        IdempotencyModule,
      ],
      providers: [
        { provide: APP_FILTER, useClass: ProblemFilter },
        { provide: APP_GUARD, useClass: UnknownQueryGuard },
      ],
    };
  }
}
