import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

// One real redis-server for the whole suite (dependency notes §8): a unix socket (no port race) and a TCP
// port picked from the kernel, no persistence, stopped by pid at teardown. Tests use their own key prefixes
// or their own DB index (SELECT 1..15) so they do not see each other.

declare module 'vitest' {
  interface ProvidedContext {
    redisSocket: string;
    redisPort: number;
  }
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
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });

export default async function setup(project: TestProject) {
  const dir = await mkdtemp(join(tmpdir(), 'gwbundle-redis-'));
  const socket = join(dir, 'redis.sock');
  const port = await freePort();
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--unixsocket', socket, '--unixsocketperm', '700',
     '--save', '', '--appendonly', 'no', '--dir', dir, '--databases', '32'],
    { stdio: 'ignore' },
  );
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
  await Promise.race([ready, exited]);
  project.provide('redisSocket', socket);
  project.provide('redisPort', port);
  return async () => {
    child.removeAllListeners('exit');
    const gone = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await gone;
    await rm(dir, { recursive: true, force: true });
  };
}
