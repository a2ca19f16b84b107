import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { A } from '../../src/bundle/artifacts.js';
import { openBundle } from '../../src/bundle/reader.js';
import type { FakeCall } from '../helpers/simulated-host/fake-bin.js';
import { type SimulatedHost, createSimulatedHost } from '../helpers/simulated-host/index.js';
import { PRESETS } from '../helpers/simulated-host/presets.js';
import { createCommandsCollector } from '../../src/collect/commands/index.js';
import { COLLECTORS } from '../../src/collect/index.js';
import { collectTo } from './helpers/collect-host.js';

// Collection never changes the machine unless an opt-in flag says so (contract; facts §8.9, §8.11):
// `joelclaw gateway status` prunes Redis sessions, `gateway test` pushes an event, and launchctl
// kickstart/enable/bootstrap restart the daemon. Every fake command logs its argv, so the test reads them.

const DB = 29;
let dir: string;
let host: SimulatedHost;
let plainCalls: FakeCall[];
let e2eCalls: FakeCall[];
let e2eBundle: string;

const LAUNCHCTL_MUTATIONS = ['kickstart', 'enable', 'disable', 'bootstrap', 'bootout', 'load', 'unload', 'start', 'stop', 'kill', 'remove'];
const argv = (c: FakeCall) => `${c.name} ${c.args.join(' ')}`;
const gatewayCommand = (c: FakeCall, sub: string) => c.name === 'joelclaw' && c.args[0] === 'gateway' && c.args[1] === sub;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gwbundle-e2e-readonly-'));
  host = await createSimulatedHost(PRESETS.healthy!(), { redisPort: inject('redisPort'), redisDb: DB });
  await collectTo(host, dir, 'plain');
  plainCalls = await host.calls();
  // why: the real e2e step waits 8 s between `gateway test` and `gateway events` (facts §2.4); what runs, not
  // how long it waits, is under test here, so the commands collector waits a moment instead
  const collectors = COLLECTORS.map((c) => (c.id === 'commands' ? createCommandsCollector({ e2eWaitMs: 100 }) : c));
  e2eBundle = await collectTo(host, dir, 'e2e', { e2e: true }, collectors);
  e2eCalls = (await host.calls()).slice(plainCalls.length);
});

afterAll(async () => {
  await host?.stop();
  await rm(dir, { recursive: true, force: true, maxRetries: 5 });
});

describe('collect is read-only', () => {
  it('really ran the read commands (so the checks below are not vacuous)', () => {
    const names = new Set(plainCalls.map((c) => c.name));
    for (const n of ['launchctl', 'ps', 'colima', 'joelclaw', 'pi', 'hostname']) expect(names, n).toContain(n);
  });

  it('never runs gateway status, gateway test or a mutating launchctl verb without --e2e', () => {
    const bad = plainCalls.filter(
      (c) => gatewayCommand(c, 'status') || gatewayCommand(c, 'test') || gatewayCommand(c, 'restart') ||
        (c.name === 'launchctl' && LAUNCHCTL_MUTATIONS.includes(c.args[0] ?? '')),
    );
    expect(bad.map(argv)).toEqual([]);
    expect(plainCalls.filter((c) => c.name === 'curl').map(argv)).toEqual([]);
  });

  it('runs the e2e test and events commands with --e2e, and still no status or launchctl mutation', async () => {
    expect(e2eCalls.some((c) => gatewayCommand(c, 'test'))).toBe(true);
    expect(e2eCalls.some((c) => gatewayCommand(c, 'events'))).toBe(true);
    const bad = e2eCalls.filter((c) => gatewayCommand(c, 'status') || (c.name === 'launchctl' && LAUNCHCTL_MUTATIONS.includes(c.args[0] ?? '')));
    expect(bad.map(argv)).toEqual([]);
    const view = await openBundle(e2eBundle);
    expect(view.entry(A.e2eTest.id)?.status).not.toBe('skipped');
    expect(view.manifest.options.e2e).toBe(true);
  });
});
