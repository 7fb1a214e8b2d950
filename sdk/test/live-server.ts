import { startOnNewEmbeddedDatabase } from '../../api/test/support/built-server';

export const ADMIN_EMAIL = 'admin@example.com';
export const ADMIN_PASSWORD = 'sdk-test-admin-password';
export const ORG_NAME = 'SDK Test Org';

export interface LiveServer {
  /** `http://127.0.0.1:<port>`, a port the OS picked. */
  url: string;
  stop(): Promise<void>;
}

/**
 * The built API (`api/dist`) as its own process on a fresh embedded database
 * in a temporary folder, first run as the SDK test's organization and admin:
 * the server customers run, reached over real HTTP.
 */
export async function startLiveServer(): Promise<LiveServer> {
  const server = await startOnNewEmbeddedDatabase({
    TPTM_ADMIN_EMAIL: ADMIN_EMAIL,
    TPTM_ADMIN_PASSWORD: ADMIN_PASSWORD,
    TPTM_ORG_NAME: ORG_NAME,
  });
  return {
    url: server.url,
    async stop() {
      await server.stop();
    },
  };
}
