import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { marked } from 'marked';
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyBundle } from '../../src/bundle/verify.js';
import { ReportV1 } from '../../src/report/schema.js';
import { BUNDLES_DIR, FIXTURE_PRESETS, REPORTS_DIR, machineFactsIn, renderGoldens } from '../../scripts/make-fixtures.js';
import { PRESETS } from '../helpers/simulated-host/presets.js';
import { runCli } from '../helpers/run-cli.js';
import { openFence, tables } from '../report/markdown/check.js';
import { FIXTURE_EXPECTATIONS, expectedLayers } from './fixture-expectations.js';

// The committed example bundles (fixtures/bundles, one per simulated-host preset) are the project's
// end-to-end record: each must verify, render exactly its golden reports, and be diagnosed the way the hand
// procedure describes its scenario. Goldens are rendered from the committed bundles, never re-collected here.

const REGENERATE = "if the change is intended, regenerate with `npm run fixtures` (`npm run fixtures -- --reports-only` when only replay or the report changed) and review the diff";
const GITHUB_COMMENT_LIMIT = 65_536;

interface Rendered {
  markdown: string;
  json: string;
}

const rendered = new Map<string, Rendered>();
const bundleOf = (preset: string) => join(BUNDLES_DIR, `${preset}.tar.gz`);

beforeAll(async () => {
  for (const preset of FIXTURE_PRESETS) {
    if (existsSync(bundleOf(preset))) rendered.set(preset, await renderGoldens(bundleOf(preset)));
  }
});

const get = (preset: string): Rendered => {
  const r = rendered.get(preset);
  if (!r) throw new Error(`fixtures/bundles/${preset}.tar.gz is missing: run \`npm run fixtures\``);
  return r;
};

describe('fixture bundles', () => {
  it('has an expectation written for every preset and a bundle for every expectation', () => {
    expect(Object.keys(FIXTURE_EXPECTATIONS).sort()).toEqual([...FIXTURE_PRESETS].sort());
    const absent = FIXTURE_PRESETS.filter((p) => !existsSync(bundleOf(p)));
    expect(absent, `bundles missing: ${REGENERATE}`).toEqual([]);
  });

  describe.each(FIXTURE_PRESETS.map((p) => [p]))('%s', (preset) => {
    it('passes verify', async () => {
      const v = await verifyBundle(bundleOf(preset));
      expect(v.problems).toEqual([]);
      expect(v.ok).toBe(true);
    });

    it('renders exactly its golden Markdown and JSON reports', async () => {
      const { markdown, json } = get(preset);
      const goldenMd = await readFile(join(REPORTS_DIR, `${preset}.md`), 'utf8').catch(() => null);
      const goldenJson = await readFile(join(REPORTS_DIR, `${preset}.json`), 'utf8').catch(() => null);
      expect(markdown, `fixtures/reports/${preset}.md differs from the report of its bundle: ${REGENERATE}`).toBe(goldenMd);
      expect(json, `fixtures/reports/${preset}.json differs from the report of its bundle: ${REGENERATE}`).toBe(goldenJson);
    });

    it('is diagnosed the way the hand procedure describes the scenario: verdict, every layer, exactly its scenarios', () => {
      const want = FIXTURE_EXPECTATIONS[preset]!;
      const report = JSON.parse(get(preset).json) as {
        verdict: { status: string; layer: string | null };
        layers: Array<{ id: string; status: string }>;
        scenarios: Array<{ id: string }>;
      };
      expect({ status: report.verdict.status, layer: report.verdict.layer }, want.why).toEqual({ status: want.status, layer: want.layer });
      expect(Object.fromEntries(report.layers.map((l) => [l.id, l.status])), want.why).toEqual(expectedLayers(want));
      expect(report.scenarios.map((s) => s.id).sort(), want.why).toEqual([...want.scenarios].sort());
    });

    it("carries neither the kernel release nor the hostname of this machine", async () => {
      const bytes = gunzipSync(await readFile(bundleOf(preset))).toString('latin1');
      expect(machineFactsIn(bytes, JSON.stringify(PRESETS[preset]!()))).toEqual([]);
    });

    it('gives a JSON report that validates against ReportV1', () => {
      const parsed = ReportV1.safeParse(JSON.parse(get(preset).json));
      expect(parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual([]);
    });

    it('gives Markdown that GitHub can render in one comment', () => {
      const md = get(preset).markdown;
      expect(md.length).toBeLessThan(GITHUB_COMMENT_LIMIT);
      expect(openFence(md)).toBeNull();
      for (const t of tables(md)) expect(t.counts.every((n) => n === t.header), `table cells ${t.counts.join(',')}`).toBe(true);
      expect(() => marked.parse(md, { async: false })).not.toThrow();
    });
  });
});

describe('gwbundle report on the fixtures', () => {
  it.each([
    ['healthy', 0],
    ['s2a-auth-expired', 3],
    ['stale-pid-file', 4],
  ])('exits by the verdict of %s (%i) and prints its golden report', async (preset, code) => {
    const r = await runCli(['report', bundleOf(preset)]);
    expect(r.code).toBe(code);
    expect(r.stdout).toBe(get(preset).markdown);
  });
});
