// npm run dev: the API restarting on every change under api/src, and the console served with live reload on
// http://127.0.0.1:4200, proxying /api to the API — both on the embedded database unless DATABASE_URL is set.
import { spawn, spawnSync } from 'node:child_process';

const run = (command, args) => {
  const result = spawnSync(command, args, { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
};

// The console imports the built SDK, and the API must be migrated before it starts.
run('npm', ['run', 'build', '-w', 'sdk']);
run('npm', ['run', 'build:api']);
run('npm', ['run', 'migrate']);

const children = [
  spawn('node_modules/.bin/nest', ['start', '--watch', '--preserveWatchOutput'], { stdio: 'inherit' }),
  spawn('../node_modules/.bin/ng', ['serve', '--host', '127.0.0.1'], { stdio: 'inherit', cwd: 'admin-web' }),
];
const stop = () => children.forEach((child) => child.kill('SIGTERM'));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
for (const child of children)
  child.on('exit', (code) => {
    stop();
    process.exitCode = code ?? 0;
  });
