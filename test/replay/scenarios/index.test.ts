import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { FIXED_ARTIFACTS } from '../../../src/bundle/artifacts.js';
import { createContext } from '../../../src/replay/context.js';
import { replay } from '../../../src/replay/index.js';
import { MAX_EVIDENCE, SCENARIOS, matchScenarios } from '../../../src/replay/scenarios/index.js';
import type { Scenario } from '../../../src/replay/types.js';
import { bundleFrom } from '../../helpers/bundle-from.js';
import { layersOf } from '../../helpers/scenario-tester.js';
import { PRESET_DRAFTS } from '../../helpers/simulated-host/presets.js';
import { bundleOfPreset } from './host-bundle.js';

const here = dirname(fileURLToPath(import.meta.url));
const srcDir = join(here, '../../../src/replay/scenarios');
/** Files of the folder that are helpers, not scenarios. */
const HELPERS = new Set(['index.ts', 'evidence.ts']);
const fileOf = (id: string) => (/^\d/.test(id) ? `s${id}.ts` : `${id}.ts`);

/** Bundles no real machine gives: nothing collected, every artifact junk, every source erroring. */
const ODD_BUNDLES = {
  empty: () => bundleFrom({}),
  junk: () => bundleFrom(Object.fromEntries(FIXED_ARTIFACTS.map((s) => [s.id, '{ "not": [ "closed'])) as Record<string, string>),
  errors: () => bundleFrom(Object.fromEntries(FIXED_ARTIFACTS.map((s) => [s.id, { status: 'error' as const, reason: 'refused', content: '' }]))),
  nulls: () => bundleFrom(Object.fromEntries(FIXED_ARTIFACTS.map((s) => [s.id, 'null']))),
};

describe('the scenario catalog', () => {
  it('lists the hand procedure in its order, then ours alphabetically', () => {
    const ids = SCENARIOS.map((s) => s.id);
    expect(ids.slice(0, 14)).toEqual(['0', '1', '2', '2a', '2b', '2c', '3', '4', '4a', '4b', '4c', '5', '6', '7']);
    const ours = ids.slice(14);
    expect(ours).toEqual([...ours].sort());
    expect(ours).toEqual(expect.arrayContaining(['launchd-disabled', 'daemon-down', 'stale-pid-file', 'heartbeat-stale', 'session-pressure-critical', 'slim-transport', 'legacy-daemon-polling', 'no-gateway']));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('registers every scenario file and gives each one a test', async () => {
    const files = readdirSync(srcDir).filter((f) => f.endsWith('.ts') && !HELPERS.has(f));
    const listed = SCENARIOS.map((s) => fileOf(s.id));
    expect([...files].sort(), 'a file in src/replay/scenarios is missing from SCENARIOS (index.ts)').toEqual([...listed].sort());
    for (const s of SCENARIOS) {
      const mod = (await import(join(srcDir, fileOf(s.id)))) as { default: Scenario };
      expect(mod.default, `${fileOf(s.id)} must default-export scenario ${s.id}`).toBe(s);
      expect(existsSync(join(here, fileOf(s.id).replace(/\.ts$/, '.test.ts'))), `add test/replay/scenarios/${fileOf(s.id).replace(/\.ts$/, '.test.ts')}`).toBe(true);
    }
  });

  it('fires no scenario on the healthy machine', () => {
    expect(replay(bundleOfPreset('healthy')).scenarios).toEqual([]);
  });

  it.each(Object.keys(ODD_BUNDLES))('neither throws nor fires without evidence on the %s bundle', (name) => {
    const ctx = createContext(ODD_BUNDLES[name as keyof typeof ODD_BUNDLES]());
    const layers = layersOf(ctx);
    for (const s of SCENARIOS) {
      const evidence = s.match(ctx, layers);
      if (evidence !== null) expect(evidence.length, `${s.id} fired without evidence`).toBeGreaterThan(0);
    }
  });

  it('runs every scenario over every preset without a fault', () => {
    for (const name of Object.keys(PRESET_DRAFTS)) {
      const ctx = createContext(bundleOfPreset(name));
      const faults: string[] = [];
      matchScenarios(ctx, layersOf(ctx), (s, e) => faults.push(`${name}/${s.id}: ${String(e)}`));
      expect(faults).toEqual([]);
    }
  });

  it('skips a scenario that throws, reports it, and keeps the others', () => {
    const ctx = createContext(bundleOfPreset('s4b-langfuse'));
    const broken: Scenario = { ...SCENARIOS[0]!, id: 'broken', match: () => { throw new Error('boom'); } };
    const empty: Scenario = { ...SCENARIOS[0]!, id: 'empty', match: () => [] };
    const faults: string[] = [];
    const out = matchScenarios(ctx, [], (s, e) => faults.push(`${s.id}: ${(e as Error).message}`), [broken, empty, ...SCENARIOS]);
    expect(out.map((m) => m.id)).toEqual(['4b']);
    expect(faults).toEqual(['broken: boom', 'empty: scenario empty fired without evidence']);
  });

  it('caps the evidence of one match', () => {
    const ctx = createContext(bundleOfPreset('healthy'));
    const many: Scenario = { ...SCENARIOS[0]!, id: 'many', match: () => Array.from({ length: 40 }, (_, i) => ({ artifact: 'files/gateway.log', line: i + 1 })) };
    expect(matchScenarios(ctx, [], undefined, [many])[0]?.evidence).toHaveLength(MAX_EVIDENCE);
  });
});
