import { stripVTControlCharacters } from 'node:util';
import type { ArtifactEntry, Manifest } from './manifest.js';

// `gwbundle inspect`: what is in a bundle at a glance, from the manifest alone (no artifact bytes needed).
// Rows are data (for --json); the table is a string the CLI prints.

/** One artifact as inspect lists it. */
export interface InspectRow {
  id: string;
  kind: ArtifactEntry['kind'];
  status: ArtifactEntry['status'];
  bytes: number;
  bytesAtSource: number | null;
  truncated: boolean;
  redactions: number;
  reason?: string;
}

const sum = (values: Iterable<number>): number => [...values].reduce((a, b) => a + b, 0);

/** A manifest string made safe for one terminal cell: no escapes, no newlines, bounded length. */
const cell = (text: string, max = 72): string => {
  const flat = stripVTControlCharacters(text).replace(/[\u0000-\u001f\u007f]+/g, ' ');
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};

/** The rows of inspect, in manifest order. */
export function inspectRows(manifest: Manifest): InspectRow[] {
  return manifest.artifacts.map((a) => ({
    id: a.id,
    kind: a.kind,
    status: a.status,
    bytes: a.bytes,
    bytesAtSource: a.bytesAtSource,
    truncated: a.status === 'truncated' || a.truncations.length > 0,
    redactions: sum(Object.values(a.redactions)),
    ...(a.reason !== undefined ? { reason: a.reason } : {}),
  }));
}

/** Status counts in a fixed order, e.g. "3 ok, 40 missing, 1 timeout". */
function statusSummary(rows: InspectRow[]): string {
  const order: InspectRow['status'][] = ['ok', 'truncated', 'missing', 'error', 'timeout', 'skipped'];
  return order
    .map((status) => [status, rows.filter((r) => r.status === status).length] as const)
    .filter(([, count]) => count > 0)
    .map(([status, count]) => `${count} ${status}`)
    .join(', ');
}

/** Left-aligns text columns and right-aligns numeric ones. */
function alignTable(header: string[], body: string[][], numeric: ReadonlySet<number>): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => (row[i] ?? '').length)));
  const line = (row: string[]): string =>
    row
      .map((value, i) => (numeric.has(i) ? value.padStart(widths[i] ?? 0) : value.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), ...body.map(line)];
}

/** The human listing: a header about the capture, then one aligned row per artifact. */
export function renderInspectTable(manifest: Manifest): string {
  const rows = inspectRows(manifest);
  const { host, capture, tool, redaction } = manifest;
  const redacted = sum(rows.map((r) => r.redactions));
  const header = [
    `host:       ${cell(host.hostname)} (${cell(host.os)} ${cell(host.osVersion)}, ${cell(host.arch)}, uid ${host.uid ?? '?'})`,
    `captured:   ${capture.collectedAt} (time zone ${cell(capture.timeZone)})`,
    `tool:       ${cell(tool.name)} ${cell(tool.version)}, manifest ${manifest.manifestVersion}`,
    `redaction:  ${redaction.enabled ? `on, ${redacted} value(s) replaced` : 'OFF (this bundle may contain secrets)'}`,
    `artifacts:  ${rows.length} (${statusSummary(rows) || 'none'}), ${sum(rows.map((r) => r.bytes))} bytes kept, ${rows.filter((r) => r.truncated).length} truncated`,
  ];
  const table = alignTable(
    ['ID', 'KIND', 'STATUS', 'BYTES', 'AT SOURCE', 'TRUNC', 'REDACT', 'REASON'],
    rows.map((r) => [
      r.id,
      r.kind,
      r.status,
      String(r.bytes),
      r.bytesAtSource === null ? '-' : String(r.bytesAtSource),
      r.truncated ? 'yes' : '',
      r.redactions > 0 ? String(r.redactions) : '',
      r.reason === undefined ? '' : cell(r.reason),
    ]),
    new Set([3, 4, 6]),
  );
  return `${[...header, '', ...table].join('\n')}\n`;
}
