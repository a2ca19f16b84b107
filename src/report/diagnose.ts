import { A } from '../bundle/artifacts.js';
import type { DiagnoseLayer } from '../replay/diagnose-sublayers.js';
import { PATTERNS } from '../replay/patterns/index.js';
import type { Diagnosis, LayerResult, PatternHit } from '../replay/types.js';
import { toRealStatus } from './diagnose-sublayers.js';

// `--format diagnose`: the `result` object `joelclaw gateway diagnose` prints (facts §2.4), computed from the
// bundle, so scripts that read diagnose output (check/gateway-health) can read a bundle's. Without the real
// command's known bugs: the stream is the real `joelclaw:gateway:messages`, patterns match grouped records.

/** The real regexes' severities by label (facts §6); a label we do not know keeps our pattern's severity. */
const REAL_SEVERITY: Readonly<Record<string, 'error' | 'warn'>> = {
  'session-busy': 'error', 'model-fallback': 'error', 'model-timeout': 'error', 'streaming-retry': 'warn',
  'watchdog-stuck': 'error', 'watchdog-stuck-timeout': 'error', 'watchdog-dead': 'error', 'prompt-failure': 'error',
  'otel-timeout': 'warn', 'redis-down': 'error', 'self-restart': 'warn',
};
const LAST_LINE_MAX = 200;
const STDOUT_FINDING_MAX = 120;
const EVENT_QUEUE = 'joelclaw:events:gateway';

export interface DiagnoseErrorPattern {
  label: string;
  severity: 'error' | 'warn';
  count: number;
  lastLine: string;
}

export interface DiagnoseResult {
  timestamp: string;
  window: string;
  healthy: boolean;
  summary: string;
  layers: Array<{ layer: string; status: DiagnoseLayer['status']; detail: string; findings?: string[] }>;
  errorPatterns?: DiagnoseErrorPattern[];
}

// Why: the real errorPatterns come from gateway.err only, one row per real label (several of our rows may map to one).
export function diagnoseErrorPatterns(hits: readonly PatternHit[]): DiagnoseErrorPattern[] {
  const labelOf = new Map(PATTERNS.map((p) => [p.id, p.diagnoseLabel]));
  const rows = new Map<string, DiagnoseErrorPattern & { at: number }>();
  for (const h of hits) {
    const label = labelOf.get(h.id);
    if (!label || h.artifact !== A.gatewayErrLog.id) continue;
    const row = rows.get(label) ?? { label, severity: REAL_SEVERITY[label] ?? h.severity, count: 0, lastLine: '', at: -1 };
    row.count += h.count;
    if (h.lastLine > row.at) Object.assign(row, { at: h.lastLine, lastLine: h.lastText.slice(0, LAST_LINE_MAX) });
    rows.set(label, row);
  }
  return [...rows.values()].map(({ at: _at, ...r }) => r);
}

function realLayer(name: string, l: LayerResult | undefined, findings: (l: LayerResult) => string[]): DiagnoseResult['layers'][number] {
  if (!l) return { layer: name, status: 'skipped', detail: `unknown: the ${name} layer is not in this diagnosis` };
  const f = findings(l);
  return { layer: name, ...toRealStatus(l), ...(f.length > 0 ? { findings: f } : {}) };
}

function redisStateDetail(d: Diagnosis, l: LayerResult): string {
  if (l.status === 'unknown' || l.status === 'skipped' || !d.redis) return toRealStatus(l).detail;
  const queue = d.redis.eventQueues.find((q) => q.key === EVENT_QUEUE)?.length ?? 0;
  return `event queue: ${queue}, message stream: ${d.redis.stream?.length ?? 0}`;
}

// Why: the diagnose-compatible object; the CLI prints it (not the envelope), as the contract says.
export function toDiagnoseResult(d: Diagnosis): DiagnoseResult {
  const byId = (id: string) => d.layers.find((l) => l.id === id);
  const errorPatterns = diagnoseErrorPatterns(d.patterns);
  const texts = (l: LayerResult) => l.findings.map((f) => f.text);
  const layers: DiagnoseResult['layers'] = d.diagnoseLayers.map(({ layer, status, detail, findings }) => ({
    layer, status, detail, ...(findings.length > 0 ? { findings } : {}),
  }));
  layers.push(
    // Our per-pattern findings (`pattern:<id>`) are replaced by the real label lines; notes (reconciliation, cuts) stay.
    realLayer('error-log', byId('error-log'), (l) => [
      ...errorPatterns.map((p) => `[${p.severity}] ${p.label} ×${p.count}`),
      ...l.findings.filter((f) => !f.messageId.startsWith('pattern:')).map((f) => f.text),
    ]),
    realLayer('stdout-log', byId('stdout-log'), (l) => texts(l).map((t) => t.slice(0, STDOUT_FINDING_MAX))),
    realLayer('e2e-test', byId('e2e'), texts),
    realLayer('model-api', byId('model-api'), texts),
  );
  const redis = byId('redis');
  const redisRow = realLayer('redis-state', redis, texts);
  layers.push(redis ? { ...redisRow, detail: redisStateDetail(d, redis) } : redisRow);
  const failed = layers.filter((l) => l.status === 'failed').length;
  const degraded = layers.filter((l) => l.status === 'degraded').length;
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
