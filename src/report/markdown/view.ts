import type { Diagnosis, PatternHit } from '../../replay/types.js';
import { firstFailure, scenarioView, secondary, showList } from './failure-view.js';
import type { Limits } from './limits.js';
import { mermaidGantt } from './mermaid.js';
import { plural, tidyCounts } from './plural.js';
import { SaidOnce } from './say-once.js';
import { sectionsView } from './sections-view.js';
import { timelineView } from './timeline-view.js';
import { ref } from './escape.js';

// Diagnosis -> the plain object the templates render (handlebars `strict`: every key present, null when
// absent). Lists are cut here, by the current Limits, so rendering stays linear however big the bundle;
// each cut adds a note naming `gwbundle show`. Text stays raw: the templates escape it where it lands.

export type ReportView = ReturnType<typeof reportView>;

/** A pattern row: where its first and last records are, and the last record's head with what it captured. */
function patternRow(p: PatternHit) {
  const first = p.lines[0];
  const head = p.lastText.replace(/\s*\{\s*$/, '');
  return {
    label: p.label,
    severity: p.severity,
    count: p.count,
    at: first !== undefined && first !== p.lastLine ? `${ref(p.artifact, first)} … ${ref(p.artifact, p.lastLine)}` : ref(p.artifact, p.lastLine),
    lastText: p.capture ? `${head} (${p.capture})` : head,
  };
}

// Why: one pass over the Diagnosis per render level; templates only lay the result out.
export function reportView(d: Diagnosis, lim: Limits) {
  const notes: string[] = [];
  const verdictLayer = d.layers.find((l) => l.id === d.verdict.layer) ?? null;
  const scenario = d.scenarios.find((s) => s.layer === d.verdict.layer) ?? d.scenarios[0] ?? null;
  const first = firstFailure(d, lim, notes);
  const tl = timelineView(d, lim.timelineAround, lim.timelineRest);
  if (tl.hidden > 0) notes.push(`${plural(tl.hidden, 'timeline entry', 'timeline entries')} ${tl.hidden === 1 ? 'is' : 'are'} not shown: see ${showList(tl.hiddenArtifacts)} or \`gwbundle report BUNDLE --format json\`.`);
  const patterns = d.patterns.slice(0, lim.patterns);
  const morePatterns = d.patterns.length - patterns.length;
  if (morePatterns > 0) notes.push(`${plural(morePatterns, 'more error pattern')} ${morePatterns === 1 ? 'is' : 'are'} not shown: see \`gwbundle report BUNDLE --format json\`.`);
  const view = {
    title: {
      status: d.verdict.status,
      layer: verdictLayer ? `${verdictLayer.id} (seed layer ${verdictLayer.seedLayer})` : null,
      scenario: scenario ? `scenario ${scenario.id}: ${scenario.title}` : null,
      capturedAt: d.bundle.collectedAt,
      host: d.bundle.host,
      summary: d.verdict.summary,
      runtime: d.runtime,
    },
    layers: d.layers.map((l) => ({ seedLayer: l.seedLayer, id: l.id, status: l.status, detail: l.status === 'unknown' || l.status === 'skipped' ? `${l.detail}${l.reason && l.reason !== l.detail ? ` (${l.reason})` : ''}` : l.detail })),
    first,
    otherScenarios: d.scenarios.filter((s) => s.layer !== d.verdict.layer).map(scenarioView),
    // "Other" only when the verdict's own layer has a scenario above them.
    otherScenariosHeading: first && first.scenarios.length > 0 ? 'Other matched scenarios' : 'Matched scenarios',
    secondary: secondary(d, lim, notes),
    // Unknown layers are listed, never passed off as healthy: evidence that should be there was not.
    unknown: d.layers.filter((l) => l.status === 'unknown' && l.id !== d.verdict.layer).map((l) => ({ id: l.id, why: l.reason ?? l.detail })),
    patterns: patterns.map(patternRow),
    timeline: { anchor: tl.anchor, around: tl.around.map(timelineRow), rest: tl.rest.map(timelineRow), total: plural(d.timeline.length, 'entry', 'entries') },
    mermaid: lim.mermaid ? mermaidGantt(d) : null,
    ...sectionsView(d, lim),
    notes,
  };
  sayOnce(view);
  return view;
}

const timelineRow = (t: Diagnosis['timeline'][number]) => ({ at: t.at, source: t.source, text: t.text, where: t.artifact ? ref(t.artifact, t.line) : '', capture: t.capture === true });

/**
 * Each message printed whole once: the evidence excerpts and the findings say it in full (in reading order);
 * the summaries that repeat it (verdict, layer table, headings, patterns, session, timeline) shorten it to its
 * first words and "…". The story is then read once, where its evidence is. Counts read as prose ("1 error").
 */
function sayOnce(view: ReportView): void {
  const said = new SaidOnce();
  const once = (t: string) => said.once(tidyCounts(t));
  const shorten = (t: string) => said.shorten(tidyCounts(t));
  for (const f of view.first?.findings ?? []) for (const e of f.excerpts) if (!e.repeat) said.said(e.text);
  for (const f of [...(view.first?.findings ?? []), ...(view.first?.context ?? [])]) f.text = once(f.text);
  for (const s of view.secondary) for (const f of s.findings) f.text = once(f.text);
  view.title.summary = shorten(view.title.summary);
  for (const l of view.layers) l.detail = shorten(l.detail);
  if (view.first) {
    view.first.detail = shorten(view.first.detail);
    if (view.first.reason) view.first.reason = shorten(view.first.reason);
  }
  for (const s of view.secondary) {
    s.detail = shorten(s.detail);
    if (s.reason) s.reason = shorten(s.reason);
  }
  for (const u of view.unknown) u.why = tidyCounts(u.why);
  for (const p of view.patterns) p.lastText = shorten(p.lastText);
  if (view.session) {
    if (view.session.hanging) view.session.hanging = shorten(view.session.hanging);
    for (const x of view.session.lastExchange) x.preview = shorten(x.preview);
  }
  for (const t of [...view.timeline.around, ...view.timeline.rest]) t.text = shorten(t.text);
}
