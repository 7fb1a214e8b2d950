import { AddressInfo, connect, createServer, Server, Socket } from 'node:net';

/**
 * A TCP relay between the app and PostgreSQL that a test can break the way
 * networks and databases break: refuse new connections and drop the open ones
 * (a database that is down), or keep every connection open and forward
 * nothing (a database, or a network path to it, that stopped answering).
 */
export class DatabaseProxy {
  private mode: 'pass' | 'refuse' | 'blackhole' = 'pass';
  private readonly pairs = new Set<[Socket, Socket]>();
  private readonly held = new Set<Socket>();

  private constructor(
    private readonly server: Server,
    private readonly target: { host: string; port: number },
  ) {}

  /** Starts a relay to the server in `databaseUrl`; `url` is the same database reached through it. */
  static async start(databaseUrl: string): Promise<{ proxy: DatabaseProxy; url: string }> {
    const upstream = new URL(databaseUrl);
    const server = createServer();
    const proxy = new DatabaseProxy(server, { host: upstream.hostname, port: Number(upstream.port || 5432) });
    server.on('connection', (client) => proxy.accept(client));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = new URL(databaseUrl);
    url.hostname = '127.0.0.1';
    url.port = String((server.address() as AddressInfo).port);
    return { proxy, url: url.toString() };
  }

  /** The database is down: open connections are reset, new ones refused. */
  refuse(): void {
    this.mode = 'refuse';
    this.dropAll();
  }

  /** The database stops answering: connections stay open, and nothing gets through either way. */
  blackhole(): void {
    this.mode = 'blackhole';
    for (const [client, server] of this.pairs) {
      client.unpipe(server);
      server.unpipe(client);
      client.pause();
      server.pause();
    }
  }

  /** The database is back. Connections that lived through a black hole are dropped, as their peers gave up on them long ago. */
  restore(): void {
    if (this.mode === 'blackhole') this.dropAll();
    this.mode = 'pass';
  }

  async stop(): Promise<void> {
    this.dropAll();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(client: Socket): void {
    client.on('error', () => undefined);
    if (this.mode === 'refuse') {
      client.destroy();
      return;
    }
    if (this.mode === 'blackhole') {
      this.held.add(client);
      client.pause();
      return;
    }
    const server = connect(this.target.port, this.target.host);
    server.on('error', () => client.destroy());
    const pair: [Socket, Socket] = [client, server];
    this.pairs.add(pair);
    const drop = () => {
      this.pairs.delete(pair);
      client.destroy();
      server.destroy();
    };
    client.on('close', drop);
    server.on('close', drop);
    client.pipe(server);
    server.pipe(client);
  }

  private dropAll(): void {
    for (const [client, server] of this.pairs) {
      client.destroy();
      server.destroy();
    }
    this.pairs.clear();
    for (const socket of this.held) socket.destroy();
    this.held.clear();
  }
}
