import 'reflect-metadata';
import { resetPasswordCommand } from './reset-password.command';
import { ConfigError, loadConfig } from '../config/app-config';

const [email, ...extra] = process.argv.slice(2);
if (!email || extra.length > 0) {
  console.error('Usage: npm run reset-password -- <email>');
  process.exit(2);
}

Promise.resolve()
  .then(() => resetPasswordCommand(loadConfig(), email, { out: console.log, err: console.error }))
  .then((code) => process.exit(code))
  .catch((error: unknown) => {
    console.error(error instanceof ConfigError ? error.message : `Could not make a reset link: ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  });
