import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// The bench runs outside vitest, so it starts its own redis-server the way test/global-setup.ts does: a temp
// unix socket to wait on, a kernel-picked TCP port for the simulated host, no persistence, stopped by pid.

/** A running private redis-server. */
export interface BenchRedis {
  port: number;
  socket: string;
  stop(): Promise<void>;
}

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });

const canConnect = (path: string): Promise<boolean> =>
  new Promise((resolve) => {
    const s = createConnection({ path });
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
  });

/** Stops the child by its own pid and waits for it to exit. */
async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await gone;
}

/** Starts redis-server on a temp socket and a free port; fails with one line if it cannot. */
export async function startRedis(): Promise<BenchRedis> {
  const dir = await mkdtemp(join(tmpdir(), 'gwbundle-bench-redis-'));
  const socket = join(dir, 'redis.sock');
  const port = await freePort();
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--unixsocket', socket, '--unixsocketperm', '700',
     '--save', '', '--appendonly', 'no', '--dir', dir, '--databases', '32'],
    { stdio: 'ignore' },
  );
  const stop = async () => {
    await stopChild(child);
    await rm(dir, { recursive: true, force: true });
  };
  const exited = new Promise<never>((_, reject) => {
    child.once('error', (e) => reject(new Error(`redis-server could not start: ${e.message}`)));
    child.once('exit', (code) => reject(new Error(`redis-server exited early with code ${code}`)));
  });
  const ready = (async () => {
    for (let i = 0; i < 200; i++) {
      if (await canConnect(socket)) return;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error('redis-server did not accept connections within 5 s');
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
