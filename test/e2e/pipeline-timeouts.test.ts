import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { A } from '../../src/bundle/artifacts.js';
import { openBundle } from '../../src/bundle/reader.js';
import { REDIS_ARTIFACT_IDS } from '../../src/collect/redis/index.js';
import { pidAlive } from '../helpers/simulated-host/fake-bin.js';
import { type SimulatedHost, createSimulatedHost } from '../helpers/simulated-host/index.js';
import { PRESETS } from '../helpers/simulated-host/presets.js';
import { renderReport } from '../../src/report/index.js';
import { collectTo, diagnose } from './helpers/collect-host.js';

// A command that never exits (with a grandchild holding its stdout) and a Redis that accepts connections
// and never answers must each end at their own --timeout, not at the global deadline: the artifacts say
// `timeout` and why, the partial output is kept, nothing hung outlives the run, and the report still reads the
// bundle. How long that takes is a figure of `npm run bench`, not an assertion here.

const DB = 25;
const TIMEOUT_MS = 1000;
let dir: string;
let host: SimulatedHost;
let bundle: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gwbundle-e2e-timeout-'));
  const spec = PRESETS.healthy!();
  spec.commands.colima = { '*': { stdout: '{"partial":', hang: true } };
  spec.redis = 'silent';
  host = await createSimulatedHost(spec, { redisPort: inject('redisPort'), redisDb: DB });
  bundle = await collectTo(host, dir, 'hung', { timeoutMs: TIMEOUT_MS });
});

afterAll(async () => {
  await host?.stop();
  await rm(dir, { recursive: true, force: true, maxRetries: 5 });
});

describe('collect against a hung command and a silent Redis', () => {
  it('records the hung command as timed out with its partial output, and kills its whole process group', async () => {
    const view = await openBundle(bundle);
    expect(view.entry(A.colimaStatus.id)).toMatchObject({ status: 'timeout' });
    expect(view.text(A.colimaStatus.id)).toBe('{"partial":');
    const pids = await host.hangPids();
    expect(pids.length).toBeGreaterThanOrEqual(2);
    expect(pids.filter(pidAlive)).toEqual([]);
  });

  it('records the silent Redis as timed out at its own --timeout (not the global deadline), every Redis artifact', async () => {
    const view = await openBundle(bundle);
    const statuses = REDIS_ARTIFACT_IDS.map((id) => `${id}: ${view.entry(id)?.status}`);
    expect(statuses).toEqual(REDIS_ARTIFACT_IDS.map((id) => `${id}: timeout`));
    expect(view.entry(A.redisPing.id)?.reason).toBe(`no answer from ${host.redisUrl}/0 within ${TIMEOUT_MS} ms`);
  });

  it('still gives a report, where the layers reading Redis are never ok', async () => {
    const d = await diagnose(bundle);
    expect(d.layers.find((l) => l.id === 'redis')?.status).not.toBe('ok');
    expect(renderReport(d, 'markdown')).toContain('redis/ping');
  });
});
