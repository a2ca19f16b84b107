import type { Diagnosis, Finding, LayerResult, ScenarioMatch } from '../../replay/types.js';
import { clean, ref } from './escape.js';
import type { Limits } from './limits.js';

// The failure parts of the report view: the first failure with its findings, excerpts and scenarios, and the
// secondary findings. Lists are cut by the Limits; every cut adds a note naming `gwbundle show`.

const SHOW = 'gwbundle show BUNDLE';

// Why: cut notes tell the reader the exact command that prints the rest.
export const showCmd = (artifact: string): string => `\`${SHOW} ${clean(artifact).replace(/[`\s]/g, '')}\``;

/** "`gwbundle show BUNDLE a`, `gwbundle show BUNDLE b`" for the artifacts behind a cut. */
export const showList = (artifacts: readonly string[]): string =>
  artifacts.length > 0 ? artifacts.slice(0, 6).map(showCmd).join(', ') : `\`${SHOW} <artifact>\``;

// `shown` holds the excerpts already printed: two patterns often match one record, and it is printed once.
function findingView(f: Finding, lim: Limits, shown = new Set<string>()) {
  const refs = f.evidence.slice(0, 8).map((e) => ref(e.artifact, e.line));
  const excerpts = f.evidence
    .filter((e) => typeof e.excerpt === 'string' && e.excerpt !== '')
    .slice(0, lim.excerptsPerFinding)
    .map((e) => {
      const key = `${e.artifact}:${e.line ?? ''}:${e.excerpt}`;
      const repeat = shown.has(key);
      shown.add(key);
      return { ref: ref(e.artifact, e.line), text: e.excerpt ?? '', lines: lim.excerptLines, repeat };
    });
  return { text: f.text, severity: f.severity ?? null, refs: refs.join(', '), moreRefs: Math.max(0, f.evidence.length - 8), excerpts };
}

export const scenarioView = (s: ScenarioMatch) => ({
  id: s.id,
  title: s.title,
  cause: s.cause,
  layer: s.layer,
  fix: s.fix,
  refs: s.evidence.slice(0, 8).map((e) => ref(e.artifact, e.line)).join(', '),
});

const artifactsOf = (fs: readonly Finding[]) => [...new Set(fs.flatMap((f) => f.evidence.map((e) => e.artifact)))].sort();

// Why: the failing layer in detail, first thing after the layer table.
export function firstFailure(d: Diagnosis, lim: Limits, notes: string[]) {
  const l = d.layers.find((x) => x.id === d.verdict.layer);
  if (!l) return null;
  const shown = l.findings.slice(0, lim.findingsFirst);
  const hidden = l.findings.length - shown.length;
  const excerptsDropped = lim.excerptsPerFinding === 0 && l.findings.some((f) => f.evidence.some((e) => e.excerpt));
  if (hidden > 0) notes.push(`${hidden} more finding(s) of ${l.id} are not shown: see ${showList(artifactsOf(l.findings.slice(shown.length)))}.`);
  if (excerptsDropped) notes.push(`Evidence excerpts were left out to fit one comment: ${showList(artifactsOf(l.findings))} prints them.`);
  const printed = new Set<string>();
  return {
    id: l.id, seedLayer: l.seedLayer, title: l.title, status: l.status, detail: l.detail, reason: l.reason ?? null,
    findings: shown.map((f) => findingView(f, lim, printed)),
    hidden,
    scenarios: d.scenarios.filter((s) => s.layer === l.id).map(scenarioView),
  };
}

// Why: other failed or degraded layers, findings shared out of one budget.
export function secondary(d: Diagnosis, lim: Limits, notes: string[]) {
  const others = d.layers.filter((l) => l.id !== d.verdict.layer && (l.status === 'failed' || l.status === 'degraded'));
  let budget = lim.findingsSecondary;
  const hiddenFrom: Finding[] = [];
  const layers = others.map((l: LayerResult) => {
    const shown = l.findings.slice(0, Math.max(0, budget));
    budget -= shown.length;
    hiddenFrom.push(...l.findings.slice(shown.length));
    return { id: l.id, status: l.status, detail: l.detail, reason: l.reason && l.reason !== l.detail ? l.reason : null, findings: shown.map((f) => findingView(f, { ...lim, excerptsPerFinding: 0 })) };
  });
  if (hiddenFrom.length > 0) notes.push(`${hiddenFrom.length} secondary finding(s) are not shown: see ${showList(artifactsOf(hiddenFrom))}.`);
  return layers;
}

