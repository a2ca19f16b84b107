import { A } from '../bundle/artifacts.js';
import type { DiagnoseLayer } from '../replay/diagnose-sublayers.js';
import { PATTERNS } from '../replay/patterns/index.js';
import type { Diagnosis, LayerId, LayerResult, PatternHit } from '../replay/types.js';
import { toRealStatus } from './diagnose-sublayers.js';

// `--format diagnose`: the `result` object `joelclaw gateway diagnose` prints (facts §2.4), computed from the
// bundle, so scripts that read diagnose output (check/gateway-health) can read a bundle's. Without the real
// command's known bugs: the stream is the real `joelclaw:gateway:messages`, patterns match grouped records.
//
// It tells the same story as the Markdown and JSON reports (one test holds that over every fixture):
// - every layer of the report is one row with the report's status, under the real name where the real command
//   has one (`e2e` is `e2e-test`, `redis` is `redis-state`); the three layers the real command lacks
//   (`substrate`, `session`, `otel`) are rows of their own in the procedure's order, so a Colima outage is a
//   failed `substrate` row first, not a silence;
// - the real /health sub-layers (session-pressure, interruptibility, channel-health, channel-healing,
//   operator-tracing) follow cli-status as its detail; the report folds them into cli-status, so they are not
//   counted again;
// - `healthy` is "no layer failed", and `summary` counts the report's layers ("1 failed, 3 degraded" as in the
//   verdict); `errorPatterns` has every pattern the report found, under the real label where one exists.

/** The real regexes' severities by label (facts §6); a label we do not know keeps our pattern's severity. */
const REAL_SEVERITY: Readonly<Record<string, 'error' | 'warn'>> = {
  'session-busy': 'error', 'model-fallback': 'error', 'model-timeout': 'error', 'streaming-retry': 'warn',
  'watchdog-stuck': 'error', 'watchdog-stuck-timeout': 'error', 'watchdog-dead': 'error', 'prompt-failure': 'error',
  'otel-timeout': 'warn', 'redis-down': 'error', 'self-restart': 'warn',
};
const LAST_LINE_MAX = 200;
const STDOUT_FINDING_MAX = 120;
const EVENT_QUEUE = 'joelclaw:events:gateway';

/** Each layer of the report as a diagnose row, in the procedure's order; the real names where they differ. */
export const DIAGNOSE_NAME: Readonly<Record<LayerId, string>> = {
  substrate: 'substrate', process: 'process', 'cli-status': 'cli-status', 'error-log': 'error-log', 'stdout-log': 'stdout-log',
  e2e: 'e2e-test', session: 'session', otel: 'otel', 'model-api': 'model-api', redis: 'redis-state',
};

export interface DiagnoseErrorPattern {
  label: string;
  severity: 'error' | 'warn';
  count: number;
  lastLine: string;
}

type Row = { layer: string; status: DiagnoseLayer['status']; detail: string; findings?: string[] };

export interface DiagnoseResult {
  timestamp: string;
  window: string;
  healthy: boolean;
  summary: string;
  layers: Row[];
  errorPatterns?: DiagnoseErrorPattern[];
}

const labelOf = new Map(PATTERNS.map((p) => [p.id, p.diagnoseLabel ?? p.id]));

/** The label a pattern row is printed under: the real regex's label where one stands for it, else our id. */
export const diagnoseLabel = (hit: Pick<PatternHit, 'id'>): string => labelOf.get(hit.id) ?? hit.id;

// Why: one row per label (several of our rows may stand for one real regex); the last record of gateway.err,
// which the real command reads, is preferred as `lastLine` over one of gateway.log.
export function diagnoseErrorPatterns(hits: readonly PatternHit[]): DiagnoseErrorPattern[] {
  const rows = new Map<string, DiagnoseErrorPattern & { rank: number }>();
  for (const h of hits) {
    const label = diagnoseLabel(h);
    const row = rows.get(label) ?? { label, severity: REAL_SEVERITY[label] ?? h.severity, count: 0, lastLine: '', rank: -1 };
    row.count += h.count;
    const rank = (h.artifact === A.gatewayErrLog.id ? 1e12 : 0) + h.lastLine;
    if (rank > row.rank) Object.assign(row, { rank, lastLine: h.lastText.slice(0, LAST_LINE_MAX) });
    rows.set(label, row);
  }
  return [...rows.values()].map(({ rank: _rank, ...r }) => r);
}

function row(name: string, l: LayerResult, findings: string[], detail = toRealStatus(l).detail): Row {
  return { layer: name, status: toRealStatus(l).status, detail, ...(findings.length > 0 ? { findings } : {}) };
}

function redisStateDetail(d: Diagnosis, l: LayerResult): string {
  if (l.status === 'unknown' || l.status === 'skipped' || !d.redis) return toRealStatus(l).detail;
  const queue = d.redis.eventQueues.find((q) => q.key === EVENT_QUEUE)?.length ?? 0;
  return `event queue: ${queue}, message stream: ${d.redis.stream?.length ?? 0}`;
}

/** The row of one report layer: the report's status and detail, findings in the real command's words where it has some. */
function layerRow(d: Diagnosis, l: LayerResult): Row {
  const texts = l.findings.map((f) => f.text);
  switch (l.id) {
    case 'cli-status': {
      // The real L2 finding lines, then ours that say more than the folded sub-layers (pending, drift, prunable).
      const real = d.diagnoseLayers.find((x) => x.layer === 'cli-status')?.findings ?? [];
      const ours = l.findings.filter((f) => f.messageId !== 'status' && !f.messageId.startsWith('sublayer-')).map((f) => f.text);
      return row('cli-status', l, [...real, ...ours]);
    }
    case 'error-log': {
      // Our per-pattern findings (`pattern:<id>`) become the real label lines; notes (reconciliation, cuts) stay.
      const patterns = diagnoseErrorPatterns(d.patterns.filter((p) => p.artifact === A.gatewayErrLog.id));
      return row('error-log', l, [
        ...patterns.map((p) => `[${p.severity}] ${p.label} ×${p.count}`),
        ...l.findings.filter((f) => !f.messageId.startsWith('pattern:')).map((f) => f.text),
      ]);
    }
    case 'stdout-log':
      return row('stdout-log', l, texts.map((t) => t.slice(0, STDOUT_FINDING_MAX)));
    case 'redis':
      return row('redis-state', l, texts, redisStateDetail(d, l));
    default:
      return row(DIAGNOSE_NAME[l.id], l, texts);
  }
}

// Why: the diagnose-compatible object; the CLI prints it (not the envelope), as the contract says.
export function toDiagnoseResult(d: Diagnosis): DiagnoseResult {
  const subLayers: Row[] = d.diagnoseLayers
    .filter((s) => s.layer !== 'process' && s.layer !== 'cli-status')
    .map(({ layer, status, detail, findings }) => ({ layer, status, detail, ...(findings.length > 0 ? { findings } : {}) }));
  const layers: Row[] = d.layers.flatMap((l) => (l.id === 'cli-status' ? [layerRow(d, l), ...subLayers] : [layerRow(d, l)]));
  const failed = d.layers.filter((l) => l.status === 'failed').length;
  const degraded = d.layers.filter((l) => l.status === 'degraded').length;
  const errorPatterns = diagnoseErrorPatterns(d.patterns);
  const hours = d.collection.options.hours;
  return {
    timestamp: d.bundle.collectedAt,
    window: `${typeof hours === 'number' ? hours : 1}h`,
    healthy: failed === 0,
    summary: failed === 0 && degraded === 0 ? 'All layers healthy' : `${failed} failed, ${degraded} degraded`,
    layers,
    ...(errorPatterns.length > 0 ? { errorPatterns } : {}),
  };
}

// Why: the CLI prints text; pretty JSON like the real CLI (2-space), with a trailing newline.
export function renderDiagnose(d: Diagnosis): string {
  return `${JSON.stringify(toDiagnoseResult(d), null, 2)}\n`;
}
