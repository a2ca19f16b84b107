import type { Diagnosis } from '../../replay/types.js';
import { firstFailure, scenarioView, secondary, showList } from './failure-view.js';
import type { Limits } from './limits.js';
import { mermaidGantt } from './mermaid.js';
import { sectionsView } from './sections-view.js';
import { timelineView } from './timeline-view.js';
import { ref } from './escape.js';

// Diagnosis -> the plain object the templates render (handlebars `strict`: every key present, null when
// absent). Lists are cut here, by the current Limits, so rendering stays linear however big the bundle;
// each cut adds a note naming `gwbundle show`. Text stays raw: the templates escape it where it lands.

export type ReportView = ReturnType<typeof reportView>;

// Why: one pass over the Diagnosis per render level; templates only lay the result out.
export function reportView(d: Diagnosis, lim: Limits) {
  const notes: string[] = [];
  const verdictLayer = d.layers.find((l) => l.id === d.verdict.layer) ?? null;
  const scenario = d.scenarios.find((s) => s.layer === d.verdict.layer) ?? d.scenarios[0] ?? null;
  const first = firstFailure(d, lim, notes);
  const tl = timelineView(d, lim.timelineAround, lim.timelineRest);
  if (tl.hidden > 0) notes.push(`${tl.hidden} timeline entr${tl.hidden === 1 ? 'y is' : 'ies are'} not shown: see ${showList(tl.hiddenArtifacts)} or \`gwbundle report BUNDLE --format json\`.`);
  const patterns = d.patterns.slice(0, lim.patterns);
  if (d.patterns.length > patterns.length) notes.push(`${d.patterns.length - patterns.length} more error pattern(s) are not shown: see \`gwbundle report BUNDLE --format json\`.`);
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
    secondary: secondary(d, lim, notes),
    // Unknown layers are listed, never passed off as healthy: evidence that should be there was not.
    unknown: d.layers.filter((l) => l.status === 'unknown' && l.id !== d.verdict.layer).map((l) => ({ id: l.id, why: l.reason ?? l.detail })),
    patterns: patterns.map((p) => ({ ...p, at: ref(p.artifact, p.lastLine), capture: p.capture ?? null })),
    timeline: { anchor: tl.anchor, around: tl.around.map(timelineRow), rest: tl.rest.map(timelineRow), total: d.timeline.length },
    mermaid: lim.mermaid ? mermaidGantt(d) : null,
    ...sectionsView(d, lim),
    notes,
  };
  return view;
}

const timelineRow = (t: Diagnosis['timeline'][number]) => ({ at: t.at, source: t.source, text: t.text, where: t.artifact ? ref(t.artifact, t.line) : '', capture: t.capture === true });
