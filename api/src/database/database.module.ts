import { EntityClass, MikroORM } from '@mikro-orm/core';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { DynamicModule, Global, Injectable, Module, OnModuleInit } from '@nestjs/common';
import type { EmbeddedDatabase } from './embedded-database';
import { assertSchemaCurrent } from './migrate';
import { ormOptions } from './orm-options';

@Injectable()
class SchemaCheck implements OnModuleInit {
  constructor(private readonly orm: MikroORM) {}

  onModuleInit(): Promise<void> {
    return assertSchemaCurrent(this.orm);
  }
}

/** The embedded database when running on PGlite, null on a PostgreSQL server. */
export const EMBEDDED_DATABASE = Symbol('EMBEDDED_DATABASE');

@Global()
@Module({})
export class DatabaseModule {
  static forRoot(
    databaseUrl: string | undefined,
    embedded: EmbeddedDatabase | undefined,
    entities: readonly EntityClass<unknown>[],
    timeoutMs: number,
  ): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        MikroOrmModule.forRootAsync({
          useFactory: () => ({
            ...ormOptions(databaseUrl, embedded, { entities, timeoutMs }),
            // Services open their own unit of work (em.fork()) where they need one, so
            // the integration hot path pays for no per-request context.
            registerRequestContext: false,
          }),
        }),
      ],
      providers: [SchemaCheck, { provide: EMBEDDED_DATABASE, useValue: embedded ?? null }],
      exports: [EMBEDDED_DATABASE],
    };
  }
}
