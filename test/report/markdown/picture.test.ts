import { describe, expect, it } from 'vitest';
import type { ReportV1 } from '../../../src/report/schema.js';
import { FIXTURE_NAMES, fixtureReports } from '../fixture-reports.js';

// Every sick fixture's picture (the Mermaid gantt of the Markdown report) shows its verdict's evidence.

const shortId = (artifact: string) => artifact.replace(/^(files|cmd|redis|k8s|http|host)\//, '');

/** The mermaid block of a Markdown report. */
const gantt = (md: string): string => /```mermaid\n([\s\S]*?)\n```/.exec(md)?.[1] ?? '';

describe.each(FIXTURE_NAMES.map((n) => [n]))('the picture of %s', (name) => {
  it("shows its verdict's evidence, or none for a healthy bundle", async () => {
    const f = await fixtureReports(name);
    const json = JSON.parse(f.json) as ReportV1;
    const g = gantt(f.markdown);
    expect(g.split('\n')[0]).toBe('gantt');
    const layer = json.layers.find((l) => l.id === json.verdict.layer);
    if (!layer) {
      expect(g).not.toContain('evidence');
      return;
    }
    const section = g.split(`  section ${layer.id} ${layer.status} evidence\n`)[1]?.split('\n  section ')[0] ?? '';
    const items = section.split('\n').filter((l) => / :(milestone|crit), /.test(l));
    expect(items.length, g).toBeGreaterThan(0);
    const cited = new Set([
      ...layer.findings.flatMap((x) => x.evidence.map((e) => e.artifact)),
      ...json.scenarios.filter((s) => s.layer === layer.id).flatMap((s) => s.evidence.map((e) => e.artifact)),
    ].map(shortId));
    expect(items.some((i) => [...cited].some((a) => i.includes(`(${a}`) || i.includes(` ${a} `) || i.includes(`, ${a}`))), items.join('\n')).toBe(true);
  });
});

describe("s2a's picture", () => {
  it('shows the auth failures at 11:53 and the unacked messages with their age', async () => {
    const g = gantt((await fixtureReports('s2a-auth-expired')).markdown);
    expect(g).toMatch(/ {2}assistant error Authentication failed… \(session\.jsonl 19\) :milestone, m\d+, 2026-11-27 11:53:06, 0m/);
    expect(g).toMatch(/ {2}auth-failed 2 records \(gateway\.err 1 … 15\), no own time, file written 12\.00 :milestone/);
    expect(g).toMatch(/section unacked messages\n {2}unacked 20 min at capture/);
  });
});
