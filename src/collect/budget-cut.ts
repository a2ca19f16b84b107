import { recordStart } from './files/tail.js';

// How one artifact gives up bytes for --max-size, by content type: logs keep their tail on a record
// boundary, a JSONL transcript keeps its header line plus its newest lines, and JSON drops whole items
// from the front of its biggest list (the oldest, for the lists gwbundle writes). Anything else: nothing.

export interface Cut {
  content: string;
  note?: string;
}

/** The last ~keepBytes of a text, starting on a whole record (bun logs) or line. */
export function cutTextTail(text: string, keepBytes: number, bunRecords: boolean): Cut | null {
  const buf = Buffer.from(text, 'utf8');
  if (keepBytes >= buf.length) return { content: text };
  if (keepBytes <= 0) return null;
  const window = buf.subarray(buf.length - keepBytes);
  const at = recordStart(window, bunRecords);
  if (at === null || at >= window.length) return null;
  return { content: window.subarray(at).toString('utf8') };
}

/** A JSONL keeps its first line (the pi session header) and its newest lines. */
export function cutJsonlTail(text: string, keepBytes: number): Cut | null {
  const nl = text.indexOf('\n');
  if (nl < 0) return null;
  const header = text.slice(0, nl + 1);
  const rest = cutTextTail(text.slice(nl + 1), keepBytes - Buffer.byteLength(header), false);
  if (!rest) return keepBytes >= Buffer.byteLength(header) ? { content: header, note: 'header line only' } : null;
  return { content: header + rest.content, note: 'header line kept' };
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
export function cutJsonItems(text: string, keepBytes: number): Cut | null {
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
