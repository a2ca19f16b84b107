import type { RedactionState } from './engine.js';
import { scanJsonValues, tryParse } from './json-scan.js';
import { isMarker } from './marker.js';
import { isLiteralValue } from './values.js';
import type { TextBatch } from './text-batch.js';

// Redacts a JSON document in place in two steps: values under secret keys become markers now (json-secret-key);
// every other string is queued on a TextBatch for the text pass, and a string that itself holds JSON (a Redis
// stream payload, a last-applied-configuration annotation) is planned recursively. finishJson splices the
// results in, re-encoding only the strings that changed, so the document stays valid JSON.

export const JSON_RULE_ID = 'json-secret-key';
const KEEP_SCALARS = new Set(['true', 'false', 'null', '""']);
/** No secret format of the catalog is shorter. */
const MIN_TEXT_CHARS = 8;
const MAX_NESTING = 4;

/** A planned document: its text and the edits waiting for the batch results. */
export interface JsonPlan {
  text: string;
  edits: Edit[];
}

// Plain data rather than closures: a 25 MB transcript has a million string values.
export interface Edit {
  start: number;
  end: number;
  /** A marker already decided (json-secret-key). */
  fixed?: string;
  /** The decoded string, and its index in the batch or its nested plan. */
  value?: string;
  index?: number;
  nested?: JsonPlan;
}

const decode = (raw: string): string => (raw.includes('\\') ? (JSON.parse(raw) as string) : raw.slice(1, -1));
const looksLikeJson = (s: string): boolean => /^\s*[[{]/.test(s) && /[\]}]\s*$/.test(s);

/** Plan the redaction of `text` (already parsed as `parsed`). */
export function planJson(text: string, parsed: unknown, batch: TextBatch, state: RedactionState, depth = 0): JsonPlan {
  const edits: Edit[] = [];
  scanJsonValues(text, parsed, ({ start, end, isString, secret }) => {
    const raw = text.slice(start, end);
    if (secret) {
      if (KEEP_SCALARS.has(raw)) return;
      const value = isString ? decode(raw) : raw;
      if (isMarker(value)) return; // redacted before: idempotent
      if (isString && !isLiteralValue(value)) return; // a reference or placeholder: "$API_KEY", "{{ .Values.x }}", "xxxx"
      state.counts[JSON_RULE_ID] = (state.counts[JSON_RULE_ID] ?? 0) + 1;
      edits.push({ start, end, fixed: JSON.stringify(state.markers.marker(JSON_RULE_ID, value)) });
      return;
    }
    if (!isString || raw.length < MIN_TEXT_CHARS + 2) return;
    const value = decode(raw);
    const inner = depth < MAX_NESTING && looksLikeJson(value) ? tryParse(value) : undefined;
    if (inner) edits.push({ start, end, value, nested: planJson(value, inner.value, batch, state, depth + 1) });
    else edits.push({ start, end, value, index: batch.add(value) });
  });
  return { text, edits };
}

/** The redacted document, once the batch has run. */
export function finishJson(plan: JsonPlan, results: readonly string[]): string {
  const { text, edits } = plan;
  const out: string[] = [];
  let pos = 0;
  for (const e of edits) {
    let replacement = e.fixed;
    if (replacement === undefined) {
      const after = e.nested ? finishJson(e.nested, results) : (results[e.index ?? -1] ?? e.value);
      if (after === e.value) continue;
      replacement = JSON.stringify(after);
    }
    out.push(text.slice(pos, e.start), replacement);
    pos = e.end;
  }
  if (pos === 0) return text;
  out.push(text.slice(pos));
  return out.join('');
}
