import { E2E_WAIT_MS } from '../../src/collect/commands/index.js';
import { describe, expect, it } from 'vitest';
import { globalDeadlineMs, resolveUnderRoot, runCollectors } from '../../src/collect/run.js';
import type { CollectContext, Collector } from '../../src/collect/types.js';
import { testOptions } from './helpers/options.js';

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => (clearTimeout(t), resolve()), { once: true });
  });

const slow = (id: string, ms: number): Collector => ({
  id,
  title: id,
  ids: [`cmd/${id}`],
  async collect() {
    await sleep(ms);
    return [{ id: `cmd/${id}`, status: 'ok', source: {}, content: id }];
  },
});

describe('runCollectors', () => {
  it('runs collectors concurrently: every one has started before any finishes', async () => {
    // Each collector waits until all three are running (or, run one after another, gives up after a while and
    // says so): the result is the same on a loaded machine, only the wait moves.
    let running = 0;
    let mostAtOnce = 0;
    let allStarted: () => void = () => {};
    const barrier = new Promise<void>((resolve) => (allStarted = resolve));
    const together = (id: string): Collector => ({
      id,
      title: id,
      ids: [`cmd/${id}`],
      async collect() {
        running += 1;
        mostAtOnce = Math.max(mostAtOnce, running);
        if (running === 3) allStarted();
        await Promise.race([barrier, sleep(2000)]);
        running -= 1;
        return [{ id: `cmd/${id}`, status: 'ok', source: {}, content: id }];
      },
    });
    const out = await runCollectors([together('a'), together('b'), together('c')], testOptions(), { progress() {} });
    expect(out.map((a) => a.id).sort()).toEqual(['cmd/a', 'cmd/b', 'cmd/c']);
    expect(mostAtOnce).toBe(3);
  });

  it('records the declared artifacts of a throwing collector as errors and keeps the others', async () => {
    const broken: Collector = {
      id: 'broken',
      title: 'broken',
      ids: ['redis/ping', 'redis/info'],
      collect: async () => {
        throw new Error('socket exploded\nstack line');
      },
    };
    const progress: string[] = [];
    const out = await runCollectors([broken, slow('ok', 10)], testOptions(), { progress: (m) => progress.push(m) });
    expect(out.find((a) => a.id === 'cmd/ok')?.status).toBe('ok');
    expect(out.filter((a) => a.status === 'error').map((a) => a.id).sort()).toEqual(['redis/info', 'redis/ping']);
    expect(out.find((a) => a.id === 'redis/ping')?.reason).toBe('collector broken failed: socket exploded');
    expect(progress.some((m) => m.startsWith('broken: error'))).toBe(true);
  });

  it('abandons a collector at the global deadline, aborts its signal and records its artifacts as timeout', async () => {
    let sawAbort = false;
    const hung: Collector = {
      id: 'hung',
      title: 'hung',
      ids: ['k8s/pods'],
      collect: (ctx: CollectContext) =>
        new Promise(() => {
          ctx.signal.addEventListener('abort', () => (sawAbort = true));
        }),
    };
    const out = await runCollectors([hung, slow('fast', 20)], testOptions(), { progress() {}, deadlineMs: 300, graceMs: 100 });
    expect(sawAbort).toBe(true);
    expect(out.find((a) => a.id === 'k8s/pods')).toMatchObject({ status: 'timeout' });
    expect(out.find((a) => a.id === 'cmd/fast')?.status).toBe('ok');
  });

  it('keeps what a collector hands back after the deadline aborts its signal, within the grace', async () => {
    const polite: Collector = {
      id: 'polite',
      title: 'polite',
      ids: ['cmd/ps', 'cmd/pi-version'],
      collect: (ctx) =>
        new Promise((resolve) => {
          ctx.signal.addEventListener('abort', () =>
            resolve([
              { id: 'cmd/ps', status: 'ok', source: {}, content: 'done before the deadline' },
              { id: 'cmd/pi-version', status: 'timeout', reason: 'killed after 0.2 s', source: {} },
            ]),
          );
        }),
    };
    const out = await runCollectors([polite], testOptions(), { progress() {}, deadlineMs: 200, graceMs: 1000 });
    expect(out.find((a) => a.id === 'cmd/ps')).toMatchObject({ status: 'ok', content: 'done before the deadline' });
    expect(out.find((a) => a.id === 'cmd/pi-version')?.reason).toBe('killed after 0.2 s');
  });

  it('records a declared id that a collector forgot to return as an error', async () => {
    const partial: Collector = {
      id: 'partial',
      title: 'partial',
      ids: ['cmd/ps', 'cmd/pi-version'],
      collect: async () => [{ id: 'cmd/ps', status: 'ok', source: {}, content: '' }],
    };
    const out = await runCollectors([partial], testOptions(), { progress() {} });
    expect(out.find((a) => a.id === 'cmd/pi-version')).toMatchObject({ status: 'error' });
  });

  it('gives collectors a resolve() that maps machine paths under --root', async () => {
    let seen = '';
    const probe: Collector = {
      id: 'probe',
      title: 'probe',
      collect: async (ctx) => {
        seen = ctx.resolve('/tmp/joelclaw/gateway.log');
        return [];
      },
    };
    await runCollectors([probe], testOptions({ root: '/tmp/x' }), { progress() {} });
    expect(seen).toBe('/tmp/x/tmp/joelclaw/gateway.log');
    expect(resolveUnderRoot('/', '/Library/LaunchDaemons/a.plist')).toBe('/Library/LaunchDaemons/a.plist');
    expect(resolveUnderRoot('/r', '/tmp/../../etc/passwd')).toBe('/r/etc/passwd');
  });
});

describe('globalDeadlineMs', () => {
  it('is two per-source timeouts plus slack, and leaves room for the e2e wait when --e2e runs', () => {
    expect(globalDeadlineMs(10_000)).toBe(25_000);
    expect(globalDeadlineMs(1_000, true) - globalDeadlineMs(1_000)).toBe(E2E_WAIT_MS);
    // `gateway test` (one timeout), the wait, then `gateway events` (one timeout) fit in the deadline
    expect(globalDeadlineMs(2_000, true)).toBeGreaterThan(2 * 2_000 + E2E_WAIT_MS);
  });
});
