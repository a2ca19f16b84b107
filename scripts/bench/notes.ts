import type { Run } from './process.js';
import { MiB, mb, secs } from './table.js';

// Turning a collect run into the table's notes: where the time went (from the progress lines on stderr) and
// what the caps kept (from the bundle's manifest).

/** Where the time went, from collect's progress lines: start-up, sources, redaction, budget and packing. */
export function phases(r: Run): string {
  const lines = r.stderr.map((l) => ({ at: l.at, text: l.line.replace(/^\[gwbundle\] /, '') }));
  const firstSource = lines.find((l) => /: .*\(\d+(\.\d+)?s\)$/.test(l.text));
  const redaction = lines.findIndex((l) => l.text.startsWith('redaction:'));
  const written = lines.find((l) => l.text.startsWith('bundle:') && !l.text.includes('over --max-size'));
  const sourcesDone = redaction > 0 ? lines[redaction - 1]?.at : undefined;
  const redactedAt = redaction >= 0 ? lines[redaction]?.at : undefined;
  if (sourcesDone === undefined || redactedAt === undefined || written === undefined || firstSource === undefined) return 'phases unknown';
  const retries = lines.filter((l) => l.text.includes('over --max-size')).length;
  const again = retries > 0 ? ` (${retries} repack${retries > 1 ? 's' : ''} to fit)` : '';
  return `sources done at ${secs(sourcesDone)}, redaction ${secs(redactedAt - sourcesDone)}, budget + pack ${secs(written.at - redactedAt)}${again}`;
}

/** How long one source took by its own progress line (`files: 2 truncated, 10 ok (1.2s)`), or '?'. */
export function sourceTime(r: Run, title: string): string {
  const line = r.stderr.find((l) => l.line.includes(` ${title}: `) && /\(\d+(\.\d+)?s\)$/.test(l.line));
  const m = line === undefined ? null : /\((\d+(?:\.\d+)?)s\)$/.exec(line.line);
  return m ? `${m[1]} s` : '?';
}

/** One artifact of a manifest, as the notes need it. */
export interface BigArtifact {
  id: string;
  status: string;
  bytes: number;
  bytesAtSource: number | null;
}

/** Kept / at-source MiB of the big artifacts. */
export const kept = (big: readonly BigArtifact[]): string =>
  big.map((a) => `${a.id.replace(/^(files|session)\//, '')} ${(a.bytes / MiB).toFixed(1)} of ${((a.bytesAtSource ?? 0) / MiB).toFixed(0)} MiB`).join(', ');

/** The bundle's size against the cap, flagged when the cap was not held. */
export function capNote(size: number, capBytes = 25_000_000): string {
  return `bundle ${mb(size)}${size > capBytes ? ` OVER the ${mb(capBytes)} cap` : ` of ${mb(capBytes)}`}`;
}
