import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { describe, expect, inject, it } from 'vitest';
import { createSimulatedHost, PATHS } from '../helpers/simulated-host/index.js';
import { PRESETS } from '../helpers/simulated-host/presets.js';

const DB = 27;
const redisPort = inject('redisPort');

/** Whether something accepts HTTP at the url; refused or reset counts as no. */
const answers = async (url: string): Promise<{ status: number; body: string } | 'refused'> => {
  try {
    const r = await fetch(url, { signal: AbortSignal.timeout(30_000) });
    return { status: r.status, body: await r.text() };
  } catch {
    return 'refused';
  }
};

const readBack = async (url: string) => {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 30_000 });
  redis.on('error', () => {});
  try {
    await redis.connect();
    return { sessions: await redis.smembers('joelclaw:gateway:sessions'), config: await redis.get('joelclaw:gateway:config'), keys: await redis.dbsize() };
  } catch (e) {
    return { error: (e as Error).message };
  } finally {
    redis.disconnect();
  }
};

describe.each(Object.keys(PRESETS))('the %s host', (name) => {
  it('builds, answers in the real formats, and leaves nothing behind on stop', async () => {
    const spec = PRESETS[name]!();
    const host = await createSimulatedHost(spec, { redisPort, redisDb: DB });
    try {
      for (const [path, file] of Object.entries(spec.files)) {
        const full = join(host.root, path);
        expect(existsSync(full), path).toBe(true);
        if (file.mtime && path !== PATHS.wsPortFile) {
          const { mtimeMs } = await import('node:fs').then((fs) => fs.statSync(full));
          expect(Math.round(mtimeMs), path).toBe(Date.parse(file.mtime));
        }
      }
      // A machine without the gateway (the no-gateway preset) has no gateway.log and no joelclaw CLI.
      if (spec.files[PATHS.gatewayLog]) expect(await readFile(join(host.root, PATHS.gatewayLog), 'utf8')).not.toContain('{{wsPort}}');

      const print = spawnSync('launchctl', ['print', `gui/${spec.uid}/com.joel.gateway`], { env: host.env, encoding: 'utf8' });
      const expected = spec.commands.launchctl![`print gui/${spec.uid}/com.joel.gateway`]!;
      expect(print.status).toBe(expected.exitCode ?? 0);
      if (print.status === 0) expect(print.stdout).toMatch(/^gui\/501\/com\.joel\.gateway = \{\n[\s\S]*\tstate = /);
      else expect(print.stderr).toContain('Could not find service "com.joel.gateway"');

      const ps = execFileSync('ps', ['-axo', 'pid,ppid,lstart,etime,command'], { env: host.env, encoding: 'utf8' });
      expect(ps.split('\n')[0]).toBe('  PID  PPID STARTED                          ELAPSED COMMAND');
      if (spec.commands.joelclaw) {
        const otel = JSON.parse(execFileSync('joelclaw', ['otel', 'search', 'gateway', '--hours', '1'], { env: host.env, encoding: 'utf8' }));
        expect(otel).toHaveProperty('ok');
      }

      if (spec.wsPortFile) {
        const port = (await readFile(join(host.root, PATHS.wsPortFile), 'utf8')).trim();
        expect(port).toBe(String(host.wsPort));
        const health = await answers(`http://127.0.0.1:${port}/health`);
        if (spec.health === 'refused') expect(health).toBe('refused');
        else if (typeof spec.health === 'object') {
          expect(health).toEqual({ status: spec.health.status, body: spec.health.body });
          expect(JSON.parse(spec.health.body)).toHaveProperty('mode');
        }
      } else expect(existsSync(join(host.root, PATHS.wsPortFile))).toBe(false);

      const server = /server: (\S+)/.exec(await readFile(host.kubeconfig!, 'utf8'))![1]!;
      const nodes = await answers(`${server}/api/v1/nodes`);
      if (spec.k8s === 'unreachable') expect(nodes).toBe('refused');
      else if (typeof spec.k8s === 'object') expect(JSON.parse((nodes as { body: string }).body).items).toHaveLength(spec.k8s.nodes.length);

      const back = await readBack(host.redisUrl);
      if (typeof spec.redis === 'object') {
        expect(back).toMatchObject({ sessions: spec.redis.sessions ?? [] });
        if (spec.redis.config) expect(JSON.parse((back as { config: string }).config)).toEqual(spec.redis.config);
      } else expect(back).toHaveProperty('error');

      const opts = host.collectOptions({ hours: 2 });
      expect(opts).toMatchObject({ root: host.root, home: '/Users/joel', hours: 2, uid: 501, redact: true, sourceDateEpoch: true });
      expect(opts.now.toISOString()).toBe(spec.capturedAt);
      expect(Object.keys(opts.env).sort()).toEqual(['HOME', 'LC_ALL', 'PATH']);

      await host.stop();
      expect(existsSync(host.root)).toBe(false);
      if (host.wsPort !== null) expect(await answers(`http://127.0.0.1:${host.wsPort}/health`)).toBe('refused');
      if (spec.k8s !== 'unreachable') expect(await answers(`${server}/api/v1/nodes`)).toBe('refused');
    } finally {
      await host.stop();
    }
  });
});
