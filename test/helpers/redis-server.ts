import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// One way to run a private redis-server, shared by the test suite's global setup, `npm run fixtures` and
// `npm run bench` (dependency notes §8): a temp unix socket to wait on (no port race), a TCP port (picked by
// the kernel, or fixed for reproducible fixtures), no persistence, stopped by its own pid.

export interface RedisServer {
  port: number;
  socket: string;
  stop(): Promise<void>;
}

/** A TCP port the kernel says is free now. */
export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });

/** Whether something accepts connections on a unix socket path or a local TCP port. */
export const canConnect = (target: string | number): Promise<boolean> =>
  new Promise((resolve) => {
    const s = typeof target === 'number' ? createConnection({ host: '127.0.0.1', port: target }) : createConnection({ path: target });
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });

async function stopChild(child: ChildProcess): Promise<void> {
  child.removeAllListeners('exit');
  if (child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await gone;
}

/** Starts redis-server; fails with one line if the binary is missing, the port is taken or it never listens. */
export async function startRedisServer(opts: { port?: number } = {}): Promise<RedisServer> {
  if (opts.port !== undefined && (await canConnect(opts.port))) {
    throw new Error(`port ${opts.port} is taken: stop whatever listens on 127.0.0.1:${opts.port}`);
  }
  const port = opts.port ?? (await freePort());
  const dir = await mkdtemp(join(tmpdir(), 'gwbundle-redis-'));
  const socket = join(dir, 'redis.sock');
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--unixsocket', socket, '--unixsocketperm', '700',
     '--save', '', '--appendonly', 'no', '--dir', dir, '--databases', '32'],
    { stdio: 'ignore' },
  );
  const stop = async () => {
    await stopChild(child);
    await rm(dir, { recursive: true, force: true, maxRetries: 5 });
  };
  const exited = new Promise<never>((_, reject) => {
    child.once('error', (e) => reject(new Error(`redis-server could not start: ${e.message} (is it installed?)`)));
    child.once('exit', (code) => reject(new Error(`redis-server exited early with code ${code} (is port ${port} taken?)`)));
  });
  exited.catch(() => {});
  const ready = (async () => {
    // why: generous, for a loaded 2-core machine; it only bounds a redis-server that never comes up
    for (let i = 0; i < 1200; i++) {
      if (await canConnect(socket)) return;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error('redis-server did not accept connections within 30 s');
  })();
  try {
    await Promise.race([ready, exited]);
  } catch (e) {
    await stop().catch(() => {});
    throw e;
  }
  child.removeAllListeners('exit');
  return { port, socket, stop };
}
