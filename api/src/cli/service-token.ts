import 'reflect-metadata';
import { serviceTokenCommand } from './service-token.command';
import { ConfigError, loadConfig } from '../config/app-config';

Promise.resolve()
  .then(() => serviceTokenCommand(loadConfig(), process.argv.slice(2), { out: console.log, err: console.error }))
  .then((code) => process.exit(code))
  .catch((error: unknown) => {
    console.error(
      error instanceof ConfigError ? error.message : `The service-token command failed: ${error instanceof Error ? error.message : error}`,
    );
    process.exit(1);
  });
