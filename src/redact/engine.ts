import { type MarkerMaker, markerSpans } from './marker.js';
import type { SecretRange } from './types.js';

// Applies the ranges every rule found in a text, once. Overlapping ranges merge into one span (a partial match
// never shields the rest of a token: the union is redacted), named after the rule that runs first in the plan
// (src/redact/plan.ts). Spans that are already markers are cut out of a range (redacting twice changes
// nothing), and a range never crosses the separator of a virtual document of JSON strings.

/** Separator of decoded JSON strings in one virtual document (src/redact/text-batch.ts); never redacted across. */
export const DOC_SEPARATOR = '\n\u0000\n';

/** A range plus the rule id that names its marker and the rule's rank in the plan (lower names the marker). */
export interface RuleRange extends SecretRange {
  ruleId: string;
  rank?: number;
}

/** Marker maker and per-rule counts shared by one redaction call. */
export interface RedactionState {
  markers: MarkerMaker;
  counts: Record<string, number>;
}

/** `r` without the parts that are markers already or that hold a NUL (a virtual-document separator). */
function usableParts(text: string, r: RuleRange, spans: ReadonlyArray<[number, number]>): RuleRange[] {
  let parts: RuleRange[] = [r];
  for (const [s, e] of spans) {
    if (s >= r.end) break;
    if (e <= r.start) continue;
    parts = parts.flatMap((p) => [
      ...(s > p.start ? [{ ...p, end: Math.min(p.end, s) }] : []),
      ...(e < p.end ? [{ ...p, start: Math.max(p.start, e) }] : []),
    ]);
  }
  const out: RuleRange[] = [];
  for (const p of parts) {
    const value = text.slice(p.start, p.end);
    let start = 0;
    for (let nul = value.indexOf('\u0000'); nul >= 0; nul = value.indexOf('\u0000', start)) {
      out.push({ ...p, start: p.start + start, end: p.start + nul });
      start = nul + 1;
    }
    out.push({ ...p, start: p.start + start });
  }
  // a part that is only the separator's newlines or blanks holds nothing
  return out.filter((p) => p.end > p.start && /\S/.test(text.slice(p.start, p.end)));
}

/** Replace every range (merged where they overlap) by its marker and count it; returns the new text. */
export function applyRanges(text: string, ranges: readonly RuleRange[], state: RedactionState): string {
  if (ranges.length === 0) return text;
  const spans = markerSpans(text);
  const parts = ranges.flatMap((r) => (r.end > r.start ? usableParts(text, r, spans) : []));
  parts.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: string[] = [];
  let pos = 0;
  for (let i = 0; i < parts.length; ) {
    const first = parts[i] as RuleRange;
    let { start, end } = first;
    let namer = first;
    let quote = first.quote === true;
    for (i++; i < parts.length && (parts[i] as RuleRange).start < end; i++) {
      const p = parts[i] as RuleRange;
      end = Math.max(end, p.end);
      if ((p.rank ?? 0) < (namer.rank ?? 0)) namer = p;
      quote ||= p.quote === true;
    }
    // a merged span may not swallow a separator that one of its parts stopped at
    let value = text.slice(start, end);
    const nul = value.indexOf('\u0000');
    if (nul >= 0) {
      end = start + nul;
      value = value.slice(0, nul);
    }
    const marker = state.markers.marker(namer.ruleId, value);
    out.push(text.slice(pos, start), quote ? `"${marker}"` : marker);
    state.counts[namer.ruleId] = (state.counts[namer.ruleId] ?? 0) + 1;
    pos = end;
  }
  if (out.length === 0) return text;
  out.push(text.slice(pos));
  return out.join('');
}
