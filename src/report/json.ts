import type { Diagnosis, Evidence, Finding, LayerResult, PatternHit, ScenarioMatch, TimelineEntry } from '../replay/types.js';
import { REPORT_SCHEMA_ID, type ReportV1 } from './schema.js';
import { sortKeys } from './sort-keys.js';

// `--format json`: the Diagnosis as the contract's `gwbundle.report/v1` document. Keys are written in a fixed
// order (contract fields first, our extras after) so the same bundle always gives the same bytes.

const evidenceOf = (e: Evidence) => ({
  artifact: e.artifact,
  ...(e.line === undefined ? {} : { line: e.line }),
  ...(e.excerpt === undefined ? {} : { excerpt: e.excerpt }),
});

const findingOf = (f: Finding) => ({
  text: f.text,
  evidence: f.evidence.map(evidenceOf),
  messageId: f.messageId,
  ...(f.severity === undefined ? {} : { severity: f.severity }),
});

const layerOf = (l: LayerResult) => ({
  id: l.id,
  seedLayer: l.seedLayer,
  status: l.status,
  ...(l.reason === undefined ? {} : { reason: l.reason }),
  detail: l.detail,
  findings: l.findings.map(findingOf),
  title: l.title,
});

const scenarioOf = (s: ScenarioMatch) => ({
  id: s.id,
  title: s.title,
  evidence: s.evidence.map(evidenceOf),
  fix: s.fix.join('\n'),
  fixSteps: [...s.fix],
  cause: s.cause,
  layer: s.layer,
});

const patternOf = (p: PatternHit) => ({
  label: p.label,
  severity: p.severity,
  count: p.count,
  artifact: p.artifact,
  lastLine: p.lastLine,
  id: p.id,
  lastText: p.lastText,
  lines: [...p.lines],
  ...(p.capture === undefined ? {} : { capture: p.capture }),
});

const timelineOf = (t: TimelineEntry) => ({
  at: t.at,
  source: t.source,
  text: t.text,
  ...(t.artifact === undefined ? {} : { artifact: t.artifact }),
  ...(t.line === undefined ? {} : { line: t.line }),
  ...(t.capture ? { capture: true } : {}),
});

// Why: the data form of the report, in the contract's shape; `renderJson` is its text.
export function toReportV1(d: Diagnosis): ReportV1 {
  const c = d.collection;
  return {
    schema: REPORT_SCHEMA_ID,
    bundle: { sha256: d.bundle.sha256, collectedAt: d.bundle.collectedAt, host: d.bundle.host, toolVersion: d.bundle.toolVersion },
    verdict: { status: d.verdict.status, layer: d.verdict.layer, summary: d.verdict.summary },
    layers: d.layers.map(layerOf),
    scenarios: d.scenarios.map(scenarioOf),
    patterns: d.patterns.map(patternOf),
    timeline: d.timeline.map(timelineOf),
    collection: {
      artifacts: c.artifacts,
      missing: [...c.missing],
      timedOut: [...c.timedOut],
      truncated: [...c.truncated],
      redactions: {
        enabled: c.redactions.enabled,
        totals: sortKeys(c.redactions.totals) as Record<string, number>,
        byArtifact: sortKeys(c.redactions.byArtifact),
      },
      errors: [...c.errors],
      options: sortKeys(c.options),
    },
    runtime: d.runtime,
    session: sortKeys(d.session),
    redis: sortKeys(d.redis),
  };
}

// Why: the CLI prints text; 2-space JSON with a trailing newline, like every JSON this tool writes.
export function renderJson(d: Diagnosis): string {
  return `${JSON.stringify(toReportV1(d), null, 2)}\n`;
}
