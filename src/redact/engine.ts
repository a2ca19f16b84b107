import { type MarkerMaker, markerSpans } from './marker.js';
import type { RedactionRule, SecretRange } from './types.js';

// Applies ranges found by one rule (or by secretlint) to a text. Here, once for all rules: ranges that overlap
// an existing marker are dropped (so redacting twice changes nothing and a marker is never re-redacted),
// overlapping ranges keep the first, and a range holding the virtual-document separator is refused.

/** Separator of decoded JSON strings in one virtual document (src/redact/json-strings.ts); never redacted across. */
export const DOC_SEPARATOR = '\n\u0000\n';

/** A range plus the rule id that names its marker. */
export interface RuleRange extends SecretRange {
  ruleId: string;
}

/** Marker maker and per-rule counts shared by one redaction call. */
export interface RedactionState {
  markers: MarkerMaker;
  counts: Record<string, number>;
}

const overlapsAny = (r: SecretRange, spans: ReadonlyArray<[number, number]>): boolean => {
  // spans are sorted and few; a linear scan with an early exit is enough.
  for (const [s, e] of spans) {
    if (s >= r.end) return false;
    if (e > r.start) return true;
  }
  return false;
};

/** Replace every acceptable range by its marker and count it; returns the new text. */
export function applyRanges(text: string, ranges: readonly RuleRange[], state: RedactionState): string {
  if (ranges.length === 0) return text;
  const sorted = [...ranges].sort((a, b) => a.start - b.start || b.end - a.end);
  const spans = markerSpans(text);
  const out: string[] = [];
  let pos = 0;
  for (const r of sorted) {
    if (r.end <= r.start || r.start < pos) continue; // empty, or overlaps the previous replacement
    if (overlapsAny(r, spans)) continue; // already redacted
    const value = text.slice(r.start, r.end);
    if (value.includes('\u0000')) continue; // would cross two JSON strings of a virtual document
    const marker = state.markers.marker(r.ruleId, value);
    out.push(text.slice(pos, r.start), r.quote ? `"${marker}"` : marker);
    state.counts[r.ruleId] = (state.counts[r.ruleId] ?? 0) + 1;
    pos = r.end;
  }
  if (pos === 0) return text;
  out.push(text.slice(pos));
  return out.join('');
}

/** Run one rule over `text` and replace what it finds. */
export const applyRule = (text: string, rule: RedactionRule, state: RedactionState): string =>
  applyRanges(text, rule.find(text).map((r) => ({ ...r, ruleId: rule.id })), state);
