import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openBundle } from '../../../src/bundle/reader.js';
import { runCollect } from '../../../src/collect/index.js';
import { replay } from '../../../src/replay/index.js';
import { createSimulatedHost } from '../../helpers/simulated-host/index.js';
import { PRESETS } from '../../helpers/simulated-host/presets.js';

// The whole path a user takes: a simulated machine, `collect` into a real .tar.gz, the safe reader, replay.
// Each preset is built to show one scenario, so that scenario must come out the other end. A collection costs
// seconds (fake servers, a few dozen fake commands) on a 2-core machine, so this runs one preset per family;
// presets.test.ts replays every preset from its artifacts without the collector.

const DB = 17;

/** Preset -> the scenario it is built for (its own name, or the procedure's number). */
const scenarioOf = (name: string): string => /^s(\d[a-c]?)-/.exec(name)?.[1] ?? name;
/** A legacy daemon with /health, logs, transcript and OTEL; and the slim runtime, where most sources are absent. */
const NAMES = ['s2-model-timeout', 'slim-transport'];

describe('simulated-host presets through collect, the bundle reader and replay', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'gwbundle-scenarios-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true, maxRetries: 5 });
  });

  const collectAndReplay = async (name: string) => {
    const host = await createSimulatedHost(PRESETS[name]!(), { redisPort: inject('redisPort'), redisDb: DB });
    try {
      const { path } = await runCollect(host.collectOptions(), { outPath: join(dir, `${name}.tar.gz`) });
      return replay(await openBundle(path));
    } finally {
      await host.stop();
    }
  };

  it('fires no scenario for the healthy preset', async () => {
    expect((await collectAndReplay('healthy')).scenarios.map((s) => s.id)).toEqual([]);
  });

  it.each(NAMES)('fires its own scenario for the %s preset', async (name) => {
    const d = await collectAndReplay(name);
    expect(d.scenarios.map((s) => s.id)).toContain(scenarioOf(name));
  });
});
