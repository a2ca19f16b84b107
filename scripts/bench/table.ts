import type { Run } from './process.js';

// The bench prints Markdown, so its output pastes straight into docs/benchmarks.md (one table per section).

/** One line of a table. */
export interface Row {
  section: 'Collect' | 'Reader' | 'Report';
  what: string;
  wall: string;
  rss: string;
  notes: string;
}

/** One goal of issue 14's table, as measured. */
export interface Goal {
  row: string;
  goal: string;
  measured: string;
  met: boolean;
}

/** --max-size counts decimal megabytes; memory and caps in the code are binary. */
export const MB = 1_000_000;
export const MiB = 1024 * 1024;

/** Seconds with two decimals, or ms below a second: the unit a reader compares at a glance. */
export const secs = (ms: number): string => (ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`);

/** Peak RSS of a run in MiB. */
export const rssOf = (r: Pick<Run, 'peakRssMiB'>): string => (r.peakRssMiB === null ? '?' : `${r.peakRssMiB} MiB`);

/** A size in MB (decimal, like --max-size) with two decimals. */
export const mb = (bytes: number): string => `${(bytes / MB).toFixed(2)} MB`;

/** The median of some numbers (the middle one of an odd count). */
export const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
};

const cell = (s: string) => s.replaceAll('|', '\\|').replaceAll('\n', ' ');

/** The rows of one section as a Markdown table. */
export function markdownTable(rows: readonly Row[], section: Row['section']): string {
  const mine = rows.filter((r) => r.section === section);
  return [
    `### ${section}`,
    '',
    '| measurement | wall (whole process) | peak RSS | notes |',
    '|---|---|---|---|',
    ...mine.map((r) => `| ${cell(r.what)} | ${r.wall} | ${r.rss} | ${cell(r.notes)} |`),
    '',
  ].join('\n');
}

/** The goals as a Markdown table. */
export function goalsTable(goals: readonly Goal[]): string {
  return [
    '### Goals of issue 14',
    '',
    '| | goal | measured | met |',
    '|---|---|---|---|',
    ...goals.map((g) => `| ${cell(g.row)} | ${cell(g.goal)} | ${cell(g.measured)} | ${g.met ? 'yes' : '**no**'} |`),
    '',
  ].join('\n');
}
