import { describe, expect, it } from 'vitest';
import { DIAGNOSE_NAME, type DiagnoseResult, diagnoseLabel } from '../../src/report/diagnose.js';
import type { ReportV1 } from '../../src/report/schema.js';
import type { LayerId } from '../../src/replay/types.js';
import { FIXTURE_NAMES, fixtureReports } from './fixture-reports.js';

// The three formats of one bundle tell one story: the same verdict, the same layer statuses, the same counts,
// the same error patterns. `--format diagnose` keeps the real command's shape (facts §2.4), and carries the
// layers the real command lacks (substrate, session, otel) as rows of their own.

const SUB_LAYERS = new Set(['session-pressure', 'interruptibility', 'channel-health', 'channel-healing', 'operator-tracing']);
const real = (status: string) => (status === 'unknown' ? 'skipped' : status);

/** The Markdown layer table as id -> status word. */
function markdownLayers(md: string): Map<string, string> {
  const rows = [...md.matchAll(/^\| -?\d+ \| ([a-z0-9-]+) \| \S+ ([a-z]+) \| /gm)];
  return new Map(rows.map((m) => [m[1]!, m[2]!]));
}

describe.each(FIXTURE_NAMES.map((n) => [n]))('the three reports of %s', (name) => {
  it('give the same verdict, layer statuses, counts and error patterns', async () => {
    const f = await fixtureReports(name);
    const json = JSON.parse(f.json) as ReportV1;
    const diag = JSON.parse(f.diagnose) as DiagnoseResult;
    const failed = json.layers.filter((l) => l.status === 'failed').length;
    const degraded = json.layers.filter((l) => l.status === 'degraded').length;
    const counts = `${failed} failed, ${degraded} degraded`;

    // Markdown: the title and the layer table say what the JSON says.
    const title = f.markdown.split('\n')[0]!;
    expect(title).toContain(`Gateway ${json.verdict.status.toUpperCase()}${json.verdict.layer ? ` at ${json.verdict.layer} ` : ' '}`);
    expect(Object.fromEntries(markdownLayers(f.markdown))).toEqual(Object.fromEntries(json.layers.map((l) => [l.id, l.status])));
    if (json.verdict.status !== 'ok') {
      expect(json.verdict.summary).toContain(`(${counts}`);
      expect(f.markdown).toMatch(new RegExp(`^\\*\\*Verdict:\\*\\* .*\\(${counts}`, 'm'));
    }

    // diagnose: healthy, summary and every report layer's row agree with the verdict.
    expect(diag.healthy).toBe(json.verdict.status !== 'failed');
    expect(diag.summary).toBe(failed + degraded === 0 ? 'All layers healthy' : counts);
    const rows = new Map(diag.layers.map((l) => [l.layer, l]));
    for (const l of json.layers) expect(rows.get(DIAGNOSE_NAME[l.id as LayerId])?.status, l.id).toBe(real(l.status));
    expect(diag.layers.some((l) => l.status === 'failed')).toBe(json.verdict.status === 'failed');
    // A sick row is a report layer's, or a /health sub-layer's whose cli-status is sick too.
    const cliSick = ['failed', 'degraded'].includes(rows.get('cli-status')?.status ?? '');
    for (const l of diag.layers.filter((x) => x.status === 'failed' || x.status === 'degraded')) {
      expect(SUB_LAYERS.has(l.layer) ? cliSick : Object.values(DIAGNOSE_NAME).includes(l.layer), l.layer).toBe(true);
    }

    // Error patterns: every pattern of the report, under its diagnose label, with the same counts.
    const want = new Map<string, number>();
    for (const p of json.patterns) {
      const label = diagnoseLabel({ id: String(p.id) });
      want.set(label, (want.get(label) ?? 0) + p.count);
    }
    expect(new Map((diag.errorPatterns ?? []).map((p) => [p.label, p.count]))).toEqual(want);
    for (const p of json.patterns) expect(f.markdown, `pattern ${p.label}`).toMatch(new RegExp(`\\| ${p.label.replace(/[-/\\^$*+?.()|[\]{}]/g, '\\$&')} \\| ${p.severity} \\| ${p.count} \\|`));
  });
});
