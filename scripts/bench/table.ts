import type { Measured } from './measure.js';

// The bench prints Markdown, so its output pastes straight into docs/benchmarks.md (one table per section).

/** One line of a table. */
export interface Row {
  section: 'Collect' | 'Reader' | 'Report';
  what: string;
  wall: string;
  rss: string;
  notes: string;
}

/** --max-size counts decimal megabytes; memory and caps in the code are binary. */
export const MB = 1_000_000;
export const MiB = 1024 * 1024;

/** Seconds with one decimal, or ms below a second: the unit a reader compares at a glance. */
export const secs = (ms: number): string => (ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`);

/** `peak (start)` in MiB: the start is the process with its modules loaded, before the operation. */
export const rssOf = (m: Measured): string => `${m.peakRssMiB} MiB (start ${m.startRssMiB})`;

/** A size in MB (decimal, like --max-size) with two decimals. */
export const mb = (bytes: number): string => `${(bytes / MB).toFixed(2)} MB`;

/** The rows of one section as a Markdown table. */
export function markdownTable(rows: readonly Row[], section: Row['section']): string {
  const mine = rows.filter((r) => r.section === section);
  const cell = (s: string) => s.replaceAll('|', '\\|').replaceAll('\n', ' ');
  return [
    `### ${section}`,
    '',
    '| measurement | wall | peak RSS | notes |',
    '|---|---|---|---|',
    ...mine.map((r) => `| ${cell(r.what)} | ${r.wall} | ${r.rss} | ${cell(r.notes)} |`),
    '',
  ].join('\n');
}
