import { resolve } from 'node:path';
import { startOnNewEmbeddedDatabase } from '../../api/test/support/built-server';

export const REPO_ROOT = resolve(__dirname, '..', '..');

export interface RunningServer {
  url: string;
  adminEmail: string;
  adminPassword: string;
  organizationName: string;
  stop(): Promise<void>;
}

/**
 * The server exactly as `npm start` runs it (api/dist, with the built console),
 * on a new embedded database in a temporary folder and a port the OS picks,
 * with the first-run owner the tests sign in as; `extraEnv` adds settings
 * (say, recording key usage sooner).
 */
export async function startServer(extraEnv: Record<string, string> = {}): Promise<RunningServer> {
  const adminEmail = 'admin@example.com';
  const adminPassword = 'e2e-admin-password-1234';
  const organizationName = 'Acme Robotics';
  const server = await startOnNewEmbeddedDatabase({
    TPTM_ADMIN_EMAIL: adminEmail,
    TPTM_ADMIN_PASSWORD: adminPassword,
    TPTM_ORG_NAME: organizationName,
    ...extraEnv,
  });
  return {
    url: server.url,
    adminEmail,
    adminPassword,
    organizationName,
    async stop() {
      await server.stop();
    },
  };
}
