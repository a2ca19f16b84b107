import { describe, expect, it } from 'vitest';
import { FIXTURE_NAMES, fixtureReports } from '../fixture-reports.js';

// Say each thing once, in time order, in words a person would write: checked on every fixture report.

/** The Markdown outside fenced blocks (excerpts and the diagram are quoted, not written by us). */
const prose = (md: string): string => md.replace(/^(`{3,})[^\n]*\n[\s\S]*?^\1\s*$/gm, '');

/** `## heading` -> its lines, up to the next `## `. */
function section(md: string, heading: string): string {
  const at = md.indexOf(`\n## ${heading}\n`);
  if (at < 0) return '';
  const end = md.indexOf('\n## ', at + 4);
  return md.slice(at, end < 0 ? undefined : end);
}

describe('the s2a report', () => {
  it('prints the auth failure once, in its evidence, and refers to it after that', async () => {
    const { markdown } = await fixtureReports('s2a-auth-expired');
    expect(markdown.split('Credentials may have expired').length - 1).toBe(1);
    expect(markdown.split('Run \'/login anthropic\' to re-authenticate').length - 1).toBe(1);
    // ...and the summaries still name it.
    expect(section(markdown, 'Layers')).toContain('Authentication failed for "anthropic"…');
  });
});

describe.each(FIXTURE_NAMES.map((n) => [n]))('the Markdown report of %s', (name) => {
  it('counts in words ("1 event", "2 records"), never "(s)", "1 events" or "n/a"', async () => {
    const text = prose((await fixtureReports(name)).markdown);
    expect(text).not.toMatch(/\w\(s\)/);
    expect(text).not.toMatch(/\b1 (events|records|entries|patterns|turns|errors|sessions|messages|queries)\b/);
    expect(text).not.toContain('n/a');
  });

  it('lists a secondary layer\'s findings without repeating its heading or adding info notes', async () => {
    const sec = section((await fixtureReports(name)).markdown, 'Secondary findings');
    for (const block of sec.split('\n### ').slice(1)) {
      const heading = block.split('\n')[0]!.replace(/^\S+ [a-z-]+: /, '');
      const bullets = block.split('\n').filter((l) => l.startsWith('- '));
      for (const b of bullets) {
        expect(b).not.toMatch(/^- \*\*info\*\*/);
        expect(b.replace(/^- \*\*\w+\*\* /, '').replace(/ \(`[^)]*\)$/, '')).not.toBe(heading);
      }
    }
  });

  it('says "Other matched scenarios" only below the verdict\'s own', async () => {
    const md = (await fixtureReports(name)).markdown;
    if (md.includes('\n## Other matched scenarios\n')) expect(md.indexOf('\n## Matched scenarios\n')).toBeGreaterThan(-1);
  });

  it('shows the last exchange in time order and has no column nobody can read', async () => {
    const md = (await fixtureReports(name)).markdown;
    const rows = section(md, 'Session').split('Last exchange:')[1]?.match(/^\| \d{4}-[^|]+/gm) ?? [];
    const times = rows.map((r) => r.slice(2).trim());
    expect(times).toEqual([...times].sort());
    expect(section(md, 'Error patterns')).not.toMatch(/\| captured \|/);
  });
});
