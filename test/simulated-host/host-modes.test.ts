import { spawn } from 'node:child_process';
import { createConnection } from 'node:net';
import { readFile } from 'node:fs/promises';
import { describe, expect, inject, it } from 'vitest';
import { eventually } from '../helpers/eventually.js';
import { pidAlive } from '../helpers/simulated-host/fake-bin.js';
import { createSimulatedHost } from '../helpers/simulated-host/index.js';
import { PRESETS } from '../helpers/simulated-host/presets.js';

const DB = 28;
const redisPort = inject('redisPort');

/** Resolves 'answered', 'timeout' or 'refused' for a GET within ms. */
const probe = async (url: string, ms: number) => {
  try {
    await fetch(url, { signal: AbortSignal.timeout(ms) });
    return 'answered';
  } catch (e) {
    return (e as Error).name === 'TimeoutError' ? 'timeout' : 'refused';
  }
};

/** Connects and waits up to ms for any byte back after sending PING. */
const redisSilent = (port: number, ms: number) =>
  new Promise<boolean>((resolve) => {
    const s = createConnection({ port, host: '127.0.0.1' }, () => s.write('PING\r\n'));
    s.once('data', () => { s.destroy(); resolve(false); });
    s.once('error', () => resolve(false));
    setTimeout(() => { s.destroy(); resolve(true); }, ms);
  });

describe('simulated host failure modes', () => {
  it('points Redis at a silent listener, /health at a hanging server and k8s at a hanging API', async () => {
    const spec = { ...PRESETS.healthy!(), redis: 'silent' as const, health: 'hang' as const, k8s: 'hang' as const };
    const host = await createSimulatedHost(spec, { redisPort, redisDb: DB });
    try {
      const port = Number(new URL(host.redisUrl).port);
      expect(port).not.toBe(redisPort);
      expect(await redisSilent(port, 300)).toBe(true);
      expect(await probe(`http://127.0.0.1:${host.wsPort}/health`, 300)).toBe('timeout');
      const server = /server: (\S+)/.exec(await readFile(host.kubeconfig!, 'utf8'))![1]!;
      expect(await probe(`${server}/api/v1/nodes`, 300)).toBe('timeout');
    } finally {
      await host.stop();
    }
    expect(await probe(`http://127.0.0.1:${host.wsPort}/health`, 30_000)).toBe('refused');
  });

  it('writes a closed port when /health is refused but the port file remains', async () => {
    const host = await createSimulatedHost(PRESETS['launchd-disabled']!(), { redisPort, redisDb: DB });
    try {
      expect(host.wsPort).not.toBeNull();
      expect(await probe(`http://127.0.0.1:${host.wsPort}/health`, 30_000)).toBe('refused');
    } finally {
      await host.stop();
    }
  });

  it('kills hung fake commands and their grandchildren on stop', async () => {
    const spec = PRESETS.healthy!();
    spec.commands.colima = { '*': { stdout: '', hang: true } };
    const host = await createSimulatedHost(spec, { redisPort, redisDb: DB });
    const child = spawn('colima', ['status', '--json'], { env: host.env, stdio: 'ignore', detached: true });
    child.unref();
    let pids: number[] = [];
    await eventually(async () => (pids = await host.hangPids()).length >= 2);
    expect(pids).toHaveLength(2);
    expect(pids.every(pidAlive)).toBe(true);
    await host.stop();
    expect(await eventually(() => !pids.some(pidAlive))).toBe(true);
  });

  it('records the calls made so read-only collection can be checked', async () => {
    const host = await createSimulatedHost(PRESETS.healthy!(), { redisPort, redisDb: DB });
    try {
      await new Promise<void>((resolve) => spawn('pi', ['--version'], { env: host.env, stdio: 'ignore' }).on('exit', () => resolve()));
      expect(await host.calls()).toEqual([expect.objectContaining({ name: 'pi', args: ['--version'] })]);
    } finally {
      await host.stop();
    }
  });

  it('stops what it started and says why when the spec is bad', async () => {
    const spec = { ...PRESETS.healthy!(), files: { 'relative/path': { content: 'x' } } };
    await expect(createSimulatedHost(spec, { redisPort, redisDb: DB })).rejects.toThrow(
      'simulated host could not start: simulated host: file path must be absolute, got "relative/path"',
    );
  });
});
