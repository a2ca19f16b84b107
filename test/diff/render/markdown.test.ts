import { marked } from 'marked';
import { describe, expect, it } from 'vitest';
import { diffDiagnoses, renderDiff, renderDiffMarkdown } from '../../../src/diff/index.js';
import { GITHUB_COMMENT_MAX } from '../../../src/report/markdown/limits.js';
import type { Diagnosis } from '../../../src/replay/types.js';
import { baseDiagnosis, failedDiagnosis } from '../../report/base-diagnosis.js';
import { openFence, tables } from '../../report/markdown/check.js';

// The Markdown diff as GitHub shows it: tables that hold together, text from bundles escaped, and never
// longer than one comment.

function expectWellFormed(md: string): void {
  expect(openFence(md)).toBeNull();
  for (const t of tables(md)) expect(t.counts.every((n) => n === t.header), `table cells ${t.counts.join(',')}`).toBe(true);
  expect(() => marked.parse(md, { async: false })).not.toThrow();
}

/** A Redis with `n` queues and `n` config keys, each different from the base. */
function crowded(n: number, over: Partial<Diagnosis> = {}): Diagnosis {
  const base = baseDiagnosis();
  const config = Object.fromEntries(Array.from({ length: n }, (_, i) => [`key${i}`, `${'v'.repeat(300)}${i}`]));
  return baseDiagnosis({
    redis: { ...base.redis!, eventQueues: Array.from({ length: n }, (_, i) => ({ key: `joelclaw:events:s${i}`, length: i + 1 })), config },
    ...over,
  });
}

describe('the Markdown diff', () => {
  it('says "No change" in its title for a diagnosis against itself', () => {
    const md = renderDiffMarkdown(diffDiagnoses(failedDiagnosis(), failedDiagnosis()));
    expect(md.split('\n')[0]).toMatch(/^# ➖ No change · gateway on mac-mini/);
    expect(md).toContain('No machine fact changed.');
    expectWellFormed(md);
  });

  it('leads with what got worse, and shows every layer before and after', () => {
    const md = renderDiffMarkdown(diffDiagnoses(baseDiagnosis(), failedDiagnosis()));
    expect(md.split('\n')[0]).toMatch(/^# ❌ Worse/);
    expect(md).toMatch(/## What got worse\n\n- new failure: error-log ok → failed/);
    expect(md).toMatch(/\| 2 \| error-log \| ✅ ok \| ❌ failed \| 🔺 \*\*new failure\*\* \|/);
    expectWellFormed(md);
  });

  it('escapes pipes, HTML and newlines that come from the bundles', () => {
    const hostile = 'a|b <script>x</script>\n# heading';
    const now = baseDiagnosis({ bundle: { ...baseDiagnosis().bundle, host: hostile }, redis: { ...baseDiagnosis().redis!, config: { 'k|ey': hostile } } });
    const md = renderDiffMarkdown(diffDiagnoses(baseDiagnosis(), now));
    expect(md).not.toContain('<script>');
    expect(md).not.toMatch(/^# heading/m);
    expect(md).toContain('k\\|ey');
    expectWellFormed(md);
  });

  it('fits one GitHub comment however many queues and config keys changed, and says what it left out', () => {
    const diff = diffDiagnoses(crowded(0), crowded(3000));
    const md = renderDiffMarkdown(diff);
    expect(md.length).toBeLessThanOrEqual(GITHUB_COMMENT_MAX);
    expect(md).toMatch(/more changed figures are not shown: see `gwbundle diff OLD NEW --format json`/);
    expectWellFormed(md);
    expect(JSON.parse(renderDiff(diff, 'json')).figures.length).toBeGreaterThan(3000);
  });

  it('cuts at a line and says so when even the smallest render is too long', () => {
    const md = renderDiffMarkdown(diffDiagnoses(crowded(0), crowded(50)), 3_000);
    expect(md.length).toBeLessThanOrEqual(3_000);
    expect(md).toContain('The diff was cut here to fit one GitHub comment');
    expectWellFormed(md);
  });
});
