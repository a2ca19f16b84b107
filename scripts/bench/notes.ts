import type { Measured } from './measure.js';
import { MiB, mb, secs } from './table.js';

// Turning a collect child's facts into the table's notes: where the time went and what the caps kept.

/** Where the time went, from runCollect's progress lines (`<ms> <message>`): sources, redaction, writing. */
export function phases(m: Measured): string {
  const lines = ((m.facts.progress ?? []) as string[]).map((l) => ({ at: Number(l.slice(0, l.indexOf(' '))), text: l.slice(l.indexOf(' ') + 1) }));
  const redaction = lines.findIndex((l) => l.text.startsWith('redaction:'));
  const written = lines.find((l) => l.text.startsWith('bundle:') && !l.text.includes('over --max-size'));
  const sourcesDone = redaction > 0 ? lines[redaction - 1]?.at : undefined;
  const redactedAt = redaction >= 0 ? lines[redaction]?.at : undefined;
  if (sourcesDone === undefined || redactedAt === undefined || written === undefined) return 'phases unknown';
  const retries = lines.filter((l) => l.text.includes('over --max-size')).length;
  const again = retries > 0 ? ` (${retries} rewrite${retries > 1 ? 's' : ''} to fit)` : '';
  return `sources ${secs(sourcesDone)}, redaction ${secs(redactedAt - sourcesDone)}, budget + write ${secs(written.at - redactedAt)}${again}`;
}

/** How long one collector took by its own progress line (`files: 2 truncated, 10 ok (1.2s)`), or '?'. */
export function collectorTime(m: Measured, title: string): string {
  const line = ((m.facts.progress ?? []) as string[]).find((l) => l.includes(` ${title}: `));
  const secs = line === undefined ? null : /\((\d+(?:\.\d+)?)s\)$/.exec(line);
  return secs ? `${secs[1]} s` : '?';
}

/** Kept / at-source MiB of the three big artifacts. */
export function kept(m: Measured): string {
  const big = (m.facts.big ?? {}) as Record<string, { status: string; bytesAtSource: number | null; bytes: number }>;
  return Object.entries(big)
    .map(([id, a]) => `${id.replace(/^files\//, '')} ${(a.bytes / MiB).toFixed(1)} of ${((a.bytesAtSource ?? 0) / MiB).toFixed(0)} MiB`)
    .join(', ');
}

/** The bundle's size against the cap, flagged when the cap was not held. */
export function capNote(m: Measured, capBytes = 25_000_000): string {
  const size = Number(m.facts.size);
  return `bundle ${mb(size)}${size > capBytes ? ` OVER the ${mb(capBytes)} cap` : ` of ${mb(capBytes)}`}`;
}
