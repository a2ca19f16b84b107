import { PATTERNS } from '../../replay/patterns/index.js';
import type { Diagnosis, Evidence, Finding, LayerResult, PatternHit, ScenarioMatch } from '../../replay/types.js';
import { clean, ref } from './escape.js';
import type { Limits } from './limits.js';
import { plural } from './plural.js';

// The failure parts of the report view: the first failure with its findings, excerpts and scenarios, and the
// secondary findings. Lists are cut by the Limits; every cut adds a note naming `gwbundle show`. Each thing is
// said once: identical findings are one bullet with all their evidence, a finding that only repeats its
// layer's heading is not a bullet, and informational notes stay out of the findings of sick layers (folded as
// context under the first failure, left to the JSON report for the others).

const SHOW = 'gwbundle show BUNDLE';
const MAX_REFS = 8;

// Why: cut notes tell the reader the exact command that prints the rest.
export const showCmd = (artifact: string): string => `\`${SHOW} ${clean(artifact).replace(/[`\s]/g, '')}\``;

/** "`gwbundle show BUNDLE a`, `gwbundle show BUNDLE b`" for the artifacts behind a cut. */
export const showList = (artifacts: readonly string[]): string =>
  artifacts.length > 0 ? artifacts.slice(0, 6).map(showCmd).join(', ') : `\`${SHOW} <artifact>\``;

const meaningOf = new Map(PATTERNS.map((p) => [p.id, p.meaning]));

/** The hit behind an error-log finding `pattern:<id>`, if it is one. */
const hitOf = (d: Diagnosis, f: Finding): PatternHit | undefined =>
  f.messageId.startsWith('pattern:') ? d.patterns.find((p) => `pattern:${p.id}` === f.messageId && p.artifact === f.evidence[0]?.artifact) : undefined;

// Why: "[error] auth-failed ×2" is a row of a table; a finding reads as a sentence, with the catalog's meaning.
function findingText(d: Diagnosis, f: Finding): string {
  const hit = hitOf(d, f);
  if (!hit) return f.severity ? f.text.replace(new RegExp(`^\\[${f.severity}\\]\\s*`), '') : f.text;
  const last = hit.capture ? ` (the last with ${hit.capture})` : '';
  const meaning = meaningOf.get(hit.id);
  return `${hit.label} in ${plural(hit.count, 'record')}${last}${meaning ? `: ${meaning}` : ''}`;
}

/** A pattern finding cites its first and its last record; others their evidence as given. */
function evidenceOf(d: Diagnosis, f: Finding): Evidence[] {
  const hit = hitOf(d, f);
  const first = hit?.lines[0];
  return hit && first !== undefined && first !== hit.lastLine ? [{ artifact: hit.artifact, line: first }, ...f.evidence] : f.evidence;
}

const refsOf = (evidence: readonly Evidence[]) => [...new Set(evidence.map((e) => ref(e.artifact, e.line)))];

/** Findings with the same severity and text become one, with the evidence of all of them (two pods, one error). */
function merged(findings: readonly Finding[]): Finding[] {
  const byKey = new Map<string, Finding>();
  for (const f of findings) {
    const key = `${f.severity ?? ''}\u0000${f.text}`;
    const seen = byKey.get(key);
    if (seen) byKey.set(key, { ...seen, evidence: [...seen.evidence, ...f.evidence] });
    else byKey.set(key, f);
  }
  return [...byKey.values()];
}

// `shown` holds the excerpts already printed: two patterns often match one record, and it is printed once.
function findingView(d: Diagnosis, f: Finding, lim: Limits, shown = new Set<string>()) {
  const evidence = evidenceOf(d, f);
  const refs = refsOf(evidence);
  const excerpts = f.evidence
    .filter((e) => typeof e.excerpt === 'string' && e.excerpt !== '')
    .slice(0, lim.excerptsPerFinding)
    .map((e) => {
      const key = `${e.artifact}:${e.line ?? ''}:${e.excerpt}`;
      const repeat = shown.has(key);
      shown.add(key);
      return { ref: ref(e.artifact, e.line), text: e.excerpt ?? '', lines: lim.excerptLines, repeat };
    });
  return { text: findingText(d, f), severity: f.severity ?? null, refs: refs.slice(0, MAX_REFS).join(', '), moreRefs: Math.max(0, refs.length - MAX_REFS), excerpts };
}

export const scenarioView = (s: ScenarioMatch) => ({
  id: s.id,
  title: s.title,
  cause: s.cause,
  layer: s.layer,
  fix: s.fix,
  refs: refsOf(s.evidence).slice(0, MAX_REFS).join(', '),
});

const artifactsOf = (fs: readonly Finding[]) => [...new Set(fs.flatMap((f) => f.evidence.map((e) => e.artifact)))].sort();

// Why: the failing layer in detail, first thing after the layer table.
export function firstFailure(d: Diagnosis, lim: Limits, notes: string[]) {
  const l = d.layers.find((x) => x.id === d.verdict.layer);
  if (!l) return null;
  // Informational notes ("interruptibility ok") are context, folded below the findings that tell the failure.
  const all = merged(l.findings);
  const findings = all.filter((f) => f.severity !== 'info');
  const context = all.filter((f) => f.severity === 'info');
  const shown = findings.slice(0, lim.findingsFirst);
  const hidden = findings.length - shown.length;
  const excerptsDropped = lim.excerptsPerFinding === 0 && l.findings.some((f) => f.evidence.some((e) => e.excerpt));
  if (hidden > 0) notes.push(`${plural(hidden, 'more finding')} of ${l.id} ${hidden === 1 ? 'is' : 'are'} not shown: see ${showList(artifactsOf(findings.slice(shown.length)))}.`);
  if (excerptsDropped) notes.push(`Evidence excerpts were left out to fit one comment: ${showList(artifactsOf(l.findings))} prints them.`);
  const printed = new Set<string>();
  return {
    id: l.id, seedLayer: l.seedLayer, title: l.title, status: l.status, detail: l.detail, reason: l.reason ?? null,
    findings: shown.map((f) => findingView(d, f, lim, printed)),
    context: context.slice(0, lim.findingsFirst).map((f) => findingView(d, f, { ...lim, excerptsPerFinding: 0 })),
    contextSummary: plural(Math.min(context.length, lim.findingsFirst), 'informational note'),
    hidden,
    scenarios: d.scenarios.filter((s) => s.layer === l.id).map(scenarioView),
  };
}

// Why: other failed or degraded layers, findings shared out of one budget. The heading is the layer's detail:
// a finding that says only that is not repeated as a bullet (its evidence goes on the heading), and info notes
// ("session pressure: ok") do not belong under a sick layer's heading.
export function secondary(d: Diagnosis, lim: Limits, notes: string[]) {
  const others = d.layers.filter((l) => l.id !== d.verdict.layer && (l.status === 'failed' || l.status === 'degraded'));
  let budget = lim.findingsSecondary;
  const hiddenFrom: Finding[] = [];
  const layers = others.map((l: LayerResult) => {
    const heading = l.findings.filter((f) => f.text === l.detail);
    const told = merged(l.findings.filter((f) => f.severity !== 'info' && f.text !== l.detail));
    const shown = told.slice(0, Math.max(0, budget));
    budget -= shown.length;
    hiddenFrom.push(...told.slice(shown.length));
    const refs = refsOf(heading.flatMap((f) => f.evidence));
    return {
      id: l.id, status: l.status, detail: l.detail, reason: l.reason && l.reason !== l.detail ? l.reason : null,
      refs: refs.slice(0, MAX_REFS).join(', '),
      findings: shown.map((f) => findingView(d, f, { ...lim, excerptsPerFinding: 0 })),
    };
  });
  if (hiddenFrom.length > 0) notes.push(`${plural(hiddenFrom.length, 'secondary finding')} ${hiddenFrom.length === 1 ? 'is' : 'are'} not shown: see ${showList(artifactsOf(hiddenFrom))}.`);
  return layers;
}
