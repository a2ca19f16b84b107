import { marked } from 'marked';
import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../../src/report/markdown/index.js';
import { GITHUB_COMMENT_MAX } from '../../../src/report/markdown/limits.js';
import type { Diagnosis, Finding, TimelineEntry } from '../../../src/replay/types.js';
import { baseDiagnosis, failedDiagnosis, layer } from '../base-diagnosis.js';
import { openFence, tables } from './check.js';

const HOSTILE = [
  'col | injected | cells |',
  '```` four backticks ```` and ``` three',
  '<details><summary>owned</summary>',
  '</details>',
  '\u001b[31mANSI red\u001b[0m',
  '# not a heading',
  '[link](http://example.invalid) ![img](x) **bold** _em_',
  'z'.repeat(10_000),
].join('\n');

/** Every table keeps its column count on every row, and no fence is left open. */
function expectWellFormed(md: string): void {
  const ts = tables(md);
  expect(ts.length).toBeGreaterThan(0);
  for (const t of ts) for (const c of t.counts) expect(c).toBe(t.header);
  expect(openFence(md)).toBeNull();
}

function hostileDiagnosis(): Diagnosis {
  const base = failedDiagnosis();
  const finding: Finding = { messageId: 'x', text: HOSTILE, severity: 'error', evidence: [{ artifact: 'files/gateway.err', line: 7, excerpt: HOSTILE }] };
  return {
    ...base,
    bundle: { ...base.bundle, host: 'evil|host\n# h' },
    verdict: { ...base.verdict, summary: HOSTILE },
    layers: base.layers.map((l) => (l.id === 'error-log' ? { ...l, detail: HOSTILE, findings: [finding] } : l.id === 'otel' ? { ...l, status: 'unknown', reason: HOSTILE, detail: HOSTILE } : l)),
    scenarios: [{ ...base.scenarios[0]!, cause: HOSTILE, fix: [HOSTILE, 'restart'] }],
    patterns: base.patterns.map((p) => ({ ...p, label: HOSTILE, lastText: HOSTILE, capture: HOSTILE })),
    timeline: [...base.timeline, { at: '2026-11-27T11:45:00.000Z', source: 'a|b', text: HOSTILE, artifact: 'files/gateway.err', line: 7 }],
    session: { ...base.session!, lastExchange: [{ at: 'now', role: 'user|x', preview: HOSTILE }], modelChanges: [{ at: 't', model: HOSTILE }] },
    redis: { ...base.redis!, mode: HOSTILE, config: { 'a|b': HOSTILE } },
    collection: { ...base.collection, options: { hours: 1, redisUrl: HOSTILE } },
  };
}

describe('the Markdown report', () => {
  it('puts the verdict, failing layer, scenario, capture time and host in the title line', () => {
    const title = renderMarkdown(failedDiagnosis()).split('\n')[0] ?? '';
    expect(title).toMatch(/^# ❌ Gateway FAILED at error-log \(seed layer 2\) · scenario 3: Session stuck · captured 2026-11-27T12:00:00\.000Z on mac-mini$/);
    expect(renderMarkdown(baseDiagnosis()).split('\n')[0]).toBe('# ✅ Gateway OK · captured 2026-11-27T12:00:00.000Z on mac-mini');
  });

  it('has a layer table with one row per layer in procedure order', () => {
    const d = failedDiagnosis();
    const md = renderMarkdown(d);
    const layerTable = tables(md)[0];
    expect(layerTable).toMatchObject({ header: 4, rows: d.layers.length });
    const rows = md.split('\n').filter((l) => /^\| -?\d \| /.test(l));
    expect(rows.map((r) => r.split(' | ')[1])).toEqual(d.layers.map((l) => l.id));
  });

  it('details the first failure with evidence, excerpt and the scenario fix steps', () => {
    const md = renderMarkdown(failedDiagnosis());
    expect(md).toContain('## First failure: error-log');
    expect(md).toContain('`files/gateway.err:120`');
    expect(md).toMatch(/```text\n\[gateway:watchdog\] session appears stuck/);
    expect(md).toMatch(/### Scenario 3: Session stuck[\s\S]*1\. joelclaw gateway restart\n2\. watch gateway\.err/);
    expect(md).toContain('## Secondary findings');
    expect(md).toContain('```mermaid\ngantt');
  });

  it.each([
    ['a healthy bundle', () => baseDiagnosis()],
    ['a failed bundle', failedDiagnosis],
    ['a bundle where every layer is unknown', () => {
      const b = baseDiagnosis({ session: null, redis: null, timeline: [] });
      return { ...b, bundle: { ...b.bundle, sha256: null }, layers: b.layers.map((l) => layer(l.id, { status: 'unknown', reason: 'not collected', detail: 'no evidence' })) };
    }],
  ])('renders %s as well-formed GitHub Markdown', (_name, make) => {
    const md = renderMarkdown(make());
    expectWellFormed(md);
    expect(md.length).toBeLessThanOrEqual(GITHUB_COMMENT_MAX);
  });

  it('lists unknown layers with the reason their evidence is missing, apart from the findings', () => {
    const base = failedDiagnosis();
    const d = { ...base, layers: base.layers.map((l) => (l.id === 'redis' ? layer('redis', { status: 'unknown', reason: 'redis/ping timed out after 10 s', detail: 'Redis was not probed' }) : l)) };
    const md = renderMarkdown(d);
    expect(md).toContain('## Not judged: evidence missing\n\n- ❔ redis: redis/ping timed out after 10 s\n');
    expect(md.indexOf('## Secondary findings')).toBeLessThan(md.indexOf('## Not judged'));
    expect(renderMarkdown(failedDiagnosis())).not.toContain('## Not judged');
  });

  it('survives hostile log text: pipes, backtick runs, <details>, ANSI and 10k-char lines', () => {
    const md = renderMarkdown(hostileDiagnosis());
    expectWellFormed(md);
    expect(md).not.toContain('\u001b');
    expect(md).not.toContain('z'.repeat(1_001));
    expect(Math.max(...md.split('\n').map((l) => l.length))).toBeLessThan(2_100);
    // Only the report's own <details> blocks become HTML; the log's stay text.
    const html = marked.parse(md, { async: false });
    // (the log's own <details> line appears verbatim inside the excerpt fence, where it is text)
    const ours = md.split('\n').filter((l) => l.startsWith('<details><summary>') && !l.includes('owned')).length;
    expect(html.match(/<details>/g)?.length ?? 0).toBe(ours);
    expect(html).not.toContain('<summary>owned</summary>');
    expect(html).not.toMatch(/<h1>not a heading/);
    // A bare URL may be autolinked (GFM), but log text never makes a link with its own label, nor an image.
    expect(html).not.toContain('>link</a>');
    expect(html).not.toContain('<img');
  });

  it('stays within one GitHub comment on a huge diagnosis, with notes that name gwbundle show', () => {
    const base = failedDiagnosis();
    const timeline: TimelineEntry[] = Array.from({ length: 5_000 }, (_, i) => ({
      at: new Date(Date.parse('2026-11-27T11:00:00.000Z') + i * 700).toISOString(), source: 'gateway.log', text: `event ${i} ${'x'.repeat(250)}`, artifact: 'files/gateway.log', line: i + 1,
    }));
    const findings: Finding[] = Array.from({ length: 3_000 }, (_, i) => ({
      messageId: 'f', text: `finding ${i} ${'y'.repeat(200)}`, evidence: [{ artifact: 'files/gateway.err', line: i + 1, excerpt: Array.from({ length: 30 }, () => 'e'.repeat(200)).join('\n') }],
    }));
    const d: Diagnosis = {
      ...base,
      timeline,
      layers: base.layers.map((l) => (l.id === 'error-log' ? { ...l, findings } : l.id === 'otel' ? { ...l, status: 'degraded', findings } : l)),
      patterns: Array.from({ length: 400 }, (_, i) => ({ ...base.patterns[0]!, id: `p${i}`, lastText: 'w'.repeat(200) })),
    };
    const md = renderMarkdown(d);
    expect(md.length).toBeLessThanOrEqual(GITHUB_COMMENT_MAX);
    expect(md).toContain('## Cut to fit one GitHub comment');
    expect(md).toMatch(/timeline entries are not shown: see `gwbundle show BUNDLE files\/gateway\.log`/);
    expect(md).toMatch(/more findings of error-log are not shown: see `gwbundle show BUNDLE files\/gateway\.err`/);
    expectWellFormed(md);
  });

  it('cuts at a line, closes open blocks and says so when even the smallest render is too long', () => {
    const md = renderMarkdown(hostileDiagnosis(), 2_500);
    expect(md.length).toBeLessThanOrEqual(2_500);
    expect(openFence(md)).toBeNull();
    expect(md.trimEnd().endsWith('prints any artifact.')).toBe(true);
  });
});
