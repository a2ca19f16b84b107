import { open, readFile } from 'node:fs/promises';
import type { BundleStage } from '../bundle/stage.js';
import { fileRecordStart } from './files/tail.js';

// How one staged artifact gives up bytes for --max-size, by content type: logs keep their tail on a record
// boundary, a JSONL transcript keeps its header line plus its newest lines, and JSON drops whole items
// from the front of its biggest list (the oldest, for the lists gwbundle writes). Anything else: nothing.
// Tails are cut in place in the staging directory, reading only around the cut, never the whole artifact.

/** What is left after a cut: its size and a note for the manifest. */
export interface Cut {
  bytes: number;
  note?: string;
}

/** How an artifact is cut. */
export type CutKind = 'text' | 'bun-records' | 'jsonl' | 'json';

/** The header line of a JSONL file is never longer than this (pi's session header). */
const HEADER_CAP = 64 * 1024;

/** Where the last ~keepBytes of [from, size) start on a whole record (bun logs) or line; null when nowhere. */
async function tailStart(path: string, from: number, size: number, keepBytes: number, bunRecords: boolean): Promise<number | null> {
  const fh = await open(path, 'r');
  try {
    const at = await fileRecordStart(fh, size - keepBytes, size, bunRecords);
    return at === null || at >= size ? null : Math.max(at, from);
  } finally {
    await fh.close();
  }
}

/** The first line of a file with its newline, or null when the first HEADER_CAP bytes hold no newline. */
async function firstLine(path: string): Promise<Buffer | null> {
  const fh = await open(path, 'r');
  try {
    const head = Buffer.alloc(HEADER_CAP);
    const { bytesRead } = await fh.read(head, 0, HEADER_CAP, 0);
    const nl = head.subarray(0, bytesRead).indexOf(0x0a);
    return nl < 0 ? null : Buffer.from(head.subarray(0, nl + 1));
  } finally {
    await fh.close();
  }
}

/** The largest array in a JSON document: the document itself, or one of its top-level properties. */
function biggestList(doc: unknown): { list: unknown[]; key: string | null } | null {
  if (Array.isArray(doc)) return { list: doc, key: null };
  if (!doc || typeof doc !== 'object') return null;
  let best: { list: unknown[]; key: string } | null = null;
  for (const [key, v] of Object.entries(doc as Record<string, unknown>)) {
    if (Array.isArray(v) && (!best || JSON.stringify(v).length > JSON.stringify(best.list).length)) best = { list: v, key };
  }
  return best;
}

/** Drop whole items from the front of the document's biggest list until it fits keepBytes. */
export function cutJsonItems(text: string, keepBytes: number): { content: string; note: string } | null {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return null;
  }
  const found = biggestList(doc);
  if (!found || found.list.length === 0) return null;
  const render = (items: unknown[]) => {
    const next = found.key === null ? items : { ...(doc as object), [found.key]: items };
    return `${JSON.stringify(next, null, 2)}\n`;
  };
  const total = found.list.length;
  // Binary search the largest number of newest items that fits.
  let lo = 0;
  let hi = total;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (Buffer.byteLength(render(found.list.slice(total - mid))) <= keepBytes) lo = mid;
    else hi = mid - 1;
  }
  const content = render(found.list.slice(total - lo));
  if (Buffer.byteLength(content) > keepBytes) return null;
  return { content, note: `kept the last ${lo} of ${total} items${found.key ? ` of ${found.key}` : ''}` };
}

/**
 * Cuts a staged artifact to about keepBytes, the way its kind allows; returns what is left, or null when
 * nothing can be kept (the caller drops the artifact's bytes).
 */
export async function cutStaged(stage: BundleStage, id: string, kind: CutKind, keepBytes: number): Promise<Cut | null> {
  const size = stage.stored(id)?.bytes ?? 0;
  const path = stage.path(id);
  if (keepBytes >= size) return { bytes: size };
  if (keepBytes <= 0) return null;
  if (kind === 'json') {
    const cut = cutJsonItems(await readFile(path, 'utf8'), keepBytes);
    if (!cut) return null;
    return { bytes: (await stage.write(id, [cut.content])).bytes, note: cut.note };
  }
  if (kind === 'jsonl') {
    const header = await firstLine(path);
    if (!header) return null;
    const at = keepBytes > header.length ? await tailStart(path, header.length, size, keepBytes - header.length, false) : null;
    if (at === null) {
      if (keepBytes < header.length) return null;
      return { bytes: (await stage.write(id, [header])).bytes, note: 'header line only' };
    }
    return { bytes: (await stage.keepTail(id, at, header)).bytes, note: 'header line kept' };
  }
  const at = await tailStart(path, 0, size, keepBytes, kind === 'bun-records');
  if (at === null) return null;
  return { bytes: (await stage.keepTail(id, at)).bytes };
}
