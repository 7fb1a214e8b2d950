import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { createApp } from './app.factory';
import { ConfigError, loadConfig } from './config/app-config';
import { EmbeddedDatabase } from './database/embedded-database';
import { createLogger } from './logging/logger';

async function main(): Promise<void> {
  const started = performance.now();
  const config = loadConfig();
  const embedded = config.databaseUrl ? undefined : await EmbeddedDatabase.open(config.embeddedDatabase);
  const logger = createLogger(config.logLevel);
  const app = await createApp(config, { embedded, logger });
  const exit = (code: number) => logger.flush(() => process.exit(code));

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    try {
      // Drains in-flight requests, flushes pending key usage, then closes the database.
      await app.close();
      await embedded?.close();
      exit(0);
    } catch (error) {
      logger.error({ err: error }, `shutdown after ${signal} failed`);
      exit(1);
    }
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));

  await app.listen({ port: config.port, host: config.host });
  const { port } = app.getHttpServer().address() as AddressInfo;
  const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`;
  app
    .getHttpAdapter()
    .getInstance()
    .log.info(
      { url, database: config.databaseUrl ? 'postgresql' : 'embedded', startupMs: Math.round(performance.now() - started) },
      `TPTM is listening on ${url} (console at ${url}/, API docs at ${url}/api/docs)`,
    );
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
  } else {
    console.error('TPTM failed to start:', error instanceof Error ? error.message : error);
  }
  process.exit(1);
});
