import type { Diagnosis, Evidence, TimelineEntry } from '../../replay/types.js';

// The timeline around the failure comes first (what happened just before and after the failing evidence);
// the rest is folded. Linear in the timeline's length: one pass to find the anchor, slices for the rest.

export interface TimelineView {
  /** Where the window is centred: the failing evidence, else the capture time. */
  anchor: string;
  around: TimelineEntry[];
  rest: TimelineEntry[];
  /** Entries shown nowhere, and the artifacts they came from (for the `gwbundle show` note). */
  hidden: number;
  hiddenArtifacts: string[];
}

/** The index of the entry closest to (at or before) the first evidence line that lands on the timeline, or -1. */
function anchorIndex(timeline: readonly TimelineEntry[], evidence: readonly Evidence[]): number {
  // One pass: per artifact, its timeline entries with a line, in line order.
  const byArtifact = new Map<string, Array<{ line: number; index: number }>>();
  timeline.forEach((t, index) => {
    if (t.artifact === undefined || t.line === undefined) return;
    const list = byArtifact.get(t.artifact) ?? [];
    list.push({ line: t.line, index });
    byArtifact.set(t.artifact, list);
  });
  for (const e of evidence) {
    const line = e.line;
    const entries = line === undefined ? undefined : byArtifact.get(e.artifact);
    if (!entries || line === undefined) continue;
    let best: { line: number; index: number } | undefined;
    for (const c of entries) if (c.line <= line && (!best || c.line > best.line)) best = c;
    if (best) return best.index;
  }
  return -1;
}

// Why: a reader wants the minutes around the failure first, without scrolling a thousand startup lines.
export function timelineView(d: Diagnosis, around: number, restMax: number): TimelineView {
  const tl = d.timeline;
  // Log lines carry no timestamps, so the failing layer's own evidence is often not on the timeline; its
  // scenarios' evidence (a transcript line, an OTEL event) and the other sick layers' usually are.
  const failing = d.layers.find((l) => l.id === d.verdict.layer);
  const sick = d.layers.filter((l) => l !== failing && (l.status === 'failed' || l.status === 'degraded'));
  const evidence = [
    ...(failing?.findings ?? []).flatMap((f) => f.evidence),
    ...d.scenarios.filter((s) => s.layer === d.verdict.layer).flatMap((s) => s.evidence),
    ...sick.flatMap((l) => l.findings.flatMap((f) => f.evidence)),
  ].slice(0, 200);
  let i = anchorIndex(tl, evidence);
  let anchor = i >= 0 ? 'the failing evidence' : 'the capture time';
  if (i < 0) i = tl.findIndex((t) => t.capture === true);
  if (i < 0) {
    i = tl.length - 1;
    anchor = 'the newest entry';
  }
  const lo = Math.max(0, i - around);
  const hi = around > 0 ? Math.min(tl.length, i + around + 1) : lo;
  const before = tl.slice(0, lo);
  const after = tl.slice(hi);
  let nb = Math.min(before.length, Math.ceil(restMax / 2));
  const na = Math.min(after.length, restMax - nb);
  nb = Math.min(before.length, restMax - na);
  const rest = [...before.slice(before.length - nb), ...after.slice(0, na)];
  const hiddenEntries = [...before.slice(0, before.length - nb), ...after.slice(na)];
  const hiddenArtifacts = [...new Set(hiddenEntries.map((t) => t.artifact).filter((a): a is string => typeof a === 'string'))].sort().slice(0, 6);
  return { anchor, around: tl.slice(lo, hi), rest, hidden: hiddenEntries.length, hiddenArtifacts };
}
