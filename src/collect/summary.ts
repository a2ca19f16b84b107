import type { Manifest } from '../bundle/manifest.js';

// The line collect leaves on stderr when it is done (the live progress line is erased on a terminal, so
// without it only the path would remain): how the sources fared, how many values were redacted, the size
// against the cap. Counted from the manifest that was written, so it says what the bundle holds.

/** 1000-based, like the default cap `25MB`: "812 bytes", "41.3 KB", "25 MB". */
export function formatBytes(n: number): string {
  if (n < 1000) return `${n} byte${n === 1 ? '' : 's'}`;
  const [value, unit] = n < 1e6 ? [n / 1e3, 'KB'] : n < 1e9 ? [n / 1e6, 'MB'] : [n / 1e9, 'GB'];
  return `${value.toFixed(1).replace(/\.0$/, '')} ${unit}`;
}

const STATUS_WORDS: ReadonlyArray<[Manifest['artifacts'][number]['status'], string]> = [
  ['ok', 'ok'],
  ['truncated', 'cut to fit'],
  ['missing', 'missing'],
  ['error', 'error'],
  ['timeout', 'timed out'],
  ['skipped', 'not requested'],
];

// Why: one line a person reads at a glance after a long collection.
export function collectSummary(manifest: Manifest, sizeBytes: number): string {
  const count = (s: string) => manifest.artifacts.filter((a) => a.status === s).length;
  const statuses = STATUS_WORDS.map(([s, word]) => [count(s), word] as const)
    .filter(([n, word]) => n > 0 || word === 'missing' || word === 'error' || word === 'timed out')
    .map(([n, word]) => `${n} ${word}`)
    .join(', ');
  const redacted = Object.values(manifest.redaction.totals).reduce((a, b) => a + b, 0);
  const redaction = manifest.redaction.enabled ? `${redacted} value${redacted === 1 ? '' : 's'} redacted` : 'redaction OFF';
  return `${manifest.artifacts.length} sources: ${statuses}; ${redaction}; ${formatBytes(sizeBytes)} of the ${formatBytes(manifest.options.maxSizeBytes)} cap`;
}
