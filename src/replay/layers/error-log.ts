import { A } from '../../bundle/artifacts.js';
import type { ReplayContext } from '../context.js';
import { type ErrHistory, errHistory } from '../err-history.js';
import { scanPatterns, scanPatternsWhere } from '../patterns/scan.js';
import { recordAt } from '../records.js';
import type { Finding, Layer, LayerResult, LogRecord, PatternHit } from '../types.js';

// Seed layer 2, "the money log": the pattern catalog over gateway.err's grouped records (facts §2.4 L8), then
// the real diagnose's reconciliation (Rules A and B) plus our own for redis_degraded (reconcileErrorLog).
// gateway.err is never truncated and has no timestamps: records written before the running daemon started
// (err-history.ts) are history, listed "before the last restart" and never enough to fail the layer. Only a
// watchdog restart within the hour that those failures caused keeps them as a degraded, recovered incident.

const ERR = A.gatewayErrLog.id;
/** Lines of a record shown as a finding's excerpt: enough for a bun object with its error frame. */
const EXCERPT_LINES = 12;
/** The real Rule A's "stale watchdog" labels (gateway.ts:2754-2787). */
const WATCHDOG_IDS: ReadonlySet<string> = new Set(['watchdog-stuck', 'watchdog-stuck-timeout', 'watchdog-dead']);
const STUCK_RECOVERED = /session recovered after stuck abort/i;

// Why: "12.3 KB" reads better than a byte count in a one-line detail.
export function formatBytes(n: number): string {
  if (n < 1000) return `${n} B`;
  if (n < 1_000_000) return `${(n / 1000).toFixed(1)} KB`;
  return `${(n / 1_000_000).toFixed(1)} MB`;
}

// Why: both log layers say when the bytes they judged are only a tail of the file on the machine.
export function logCutFinding(ctx: ReplayContext, id: string): Finding | null {
  const e = ctx.entry(id);
  if (!e) return null;
  const cut = e.truncations.reduce((sum, t) => sum + t.bytesCut, 0);
  if (e.status !== 'truncated' && cut === 0) return null;
  const why = [...new Set(e.truncations.map((t) => t.reason))].join(', ') || 'truncated';
  const kept = e.bytesAtSource !== null ? `${formatBytes(e.bytes)} of ${formatBytes(e.bytesAtSource)}` : formatBytes(e.bytes);
  const text = `${id} was cut (${why}): only the last ${kept} were kept, so older records are not judged`;
  return { messageId: 'logTruncated', text, severity: 'info', evidence: [{ artifact: id, line: 1 }] };
}

const excerptOf = (r: LogRecord | undefined): string | undefined => {
  if (!r) return undefined;
  const lines = r.text.split('\n');
  return lines.length > EXCERPT_LINES ? [...lines.slice(0, EXCERPT_LINES), '…'].join('\n') : r.text;
};

function hitFinding(h: PatternHit, records: readonly LogRecord[]): Finding {
  const capture = h.capture ? ` (last: ${h.capture})` : '';
  const excerpt = excerptOf(recordAt(records, h.lastLine));
  return {
    messageId: `pattern:${h.id}`,
    text: `[${h.severity}] ${h.label} ×${h.count}${capture}`,
    severity: h.severity,
    evidence: [{ artifact: h.artifact, line: h.lastLine, ...(excerpt === undefined ? {} : { excerpt }) }],
  };
}

/** A stuck-session alarm that the daemon later reports as recovered, with nothing else failing, is stale. */
function staleStuck(hits: readonly PatternHit[], records: readonly LogRecord[]): LogRecord | undefined {
  const errors = hits.filter((h) => h.severity === 'error');
  if (errors.length === 0 || !errors.every((h) => h.id === 'watchdog-stuck')) return undefined;
  const lastStuck = Math.max(...errors.map((h) => h.lastLine));
  return records.find((r) => r.line > lastStuck && STUCK_RECOVERED.test(r.head));
}

/** Minutes, for "restarted 12 min ago". */
const minutesAgo = (ctx: ReplayContext, ms: number): number => Math.round((ctx.now.getTime() - ms) / 60_000);

// Why: the layer, the reconciliation and the scenarios judge the same split of gateway.err (err-history.ts).
/** Pattern hits of gateway.err: those written since the running daemon started, and those before (history). */
export function errLogHits(ctx: ReplayContext): { current: PatternHit[]; history: PatternHit[] } {
  return ctx.memo('errLogHits', () => {
    const h = errHistory(ctx);
    if (!h) return { current: scanPatterns(ctx).filter((x) => x.artifact === ERR), history: [] };
    return { current: scanPatternsWhere(ctx, ERR, (line) => line > h.lastLine), history: scanPatternsWhere(ctx, ERR, (line) => line <= h.lastLine) };
  });
}

/** The history block of the layer: what is before the last restart and why, then each pattern found there. */
function historyFindings(h: ErrHistory, hits: readonly PatternHit[], records: readonly LogRecord[]): Finding[] {
  const head: Finding = {
    messageId: 'historyBeforeRestart',
    text: `before the last restart: gateway.err lines 1-${h.lastLine} (${h.records} records) are history, not the present: ${h.why}`,
    severity: 'info',
    evidence: h.evidence,
  };
  return [head, ...hits.map((x) => {
    const f = hitFinding(x, records);
    return { ...f, messageId: `history:${x.id}`, text: `before the last restart: ${f.text}`, severity: 'info' as const };
  })];
}

function run(ctx: ReplayContext): LayerResult {
  const base = { id: 'error-log', seedLayer: 2, title: layer.title } as const;
  const absent = ctx.absence(ERR);
  if (absent) return { ...base, status: 'unknown', reason: absent, detail: 'gateway.err not available', findings: [] };
  const records = ctx.records(ERR) ?? [];
  const cut = logCutFinding(ctx, ERR);
  const tail = cut ? [cut] : [];
  if (records.length === 0) return { ...base, status: 'ok', detail: 'gateway.err is empty', findings: tail };
  const { current: hits, history: pastHits } = errLogHits(ctx);
  const h = errHistory(ctx);
  const e = ctx.entry(ERR);
  // Only a cut log says how much was kept: older records were not judged.
  const size = e && cut ? ` (${formatBytes(e.bytes)} of ${formatBytes(e.bytesAtSource ?? e.bytes)} kept)` : '';
  const past = h ? historyFindings(h, pastHits, records) : [];
  if (hits.length === 0 && pastHits.length > 0 && h) {
    const n = records.length - h.records;
    const since = n === 0 ? 'nothing written to gateway.err since' : `none in the ${n} records since`;
    // The watchdog restarted the daemon because of these failures within the hour: the incident just recovered.
    if (h.recentWatchdogRecovery && pastHits.some((x) => x.severity === 'error')) {
      const ago = h.daemonStart ? ` ${minutesAgo(ctx, h.daemonStart.ms)} min ago` : '';
      return { ...base, status: 'degraded', detail: `${pastHits.length} pattern(s) before the watchdog restarted the daemon${ago}; ${since}${size}`, findings: [...past, ...tail] };
    }
    return { ...base, status: 'ok', detail: `${pastHits.length} pattern(s), all before the last restart (history); ${since}${size}`, findings: [...past, ...tail] };
  }
  if (hits.length === 0) {
    return { ...base, status: 'ok', detail: `${records.length} records scanned, no known failure patterns${size}`, findings: [...past, ...tail] };
  }
  let detail = `${hits.length} pattern(s) in ${records.length} record${records.length === 1 ? '' : 's'}${size}`;
  if (h) detail += `, ${h.records} of them before the last restart`;
  const findings = [...hits.map((x) => hitFinding(x, records)), ...past, ...tail];
  let status: LayerResult['status'] = hits.some((x) => x.severity === 'error') ? 'failed' : 'degraded';
  const recovered = status === 'failed' ? staleStuck(hits, records) : undefined;
  if (recovered) {
    status = 'degraded';
    detail += '; stuck alarm followed by "session recovered after stuck abort"';
    const text = 'the watchdog later reported the session recovered after its stuck abort: stale alarm';
    findings.push({ messageId: 'stuckRecovered', text, severity: 'info', evidence: [{ artifact: ERR, line: recovered.line }] });
  }
  return { ...base, status, detail, findings };
}

/** The other layers reconcileErrorLog reads; any may be missing from an older or partial diagnosis. */
export interface ReconcileInputs {
  e2e?: LayerResult;
  process?: LayerResult;
  redis?: LayerResult;
  /** The daemon reports redis_degraded while still available (/health): Redis errors are its known surface. */
  redisDegradedMode?: boolean;
}

const downgrade = (l: LayerResult, note: string, messageId: string): LayerResult => ({
  ...l,
  status: 'degraded',
  detail: `${l.detail}; ${note}`,
  findings: [...l.findings, { messageId, text: note, severity: 'info', evidence: [{ artifact: ERR }] }],
});

/** Error rows that are Redis transport trouble (connection refused, retries flushed), not message-path faults. */
const REDIS_TRANSPORT_IDS: ReadonlySet<string> = new Set(['redis-down', 'redis-channel-error', 'redis-max-retries']);

// Why: when later evidence shows delivery working, a failure in the error log is only degraded. `hits` are the
// records since the running daemon started (errLogHits(ctx).current): history was judged by the layer already.
export function reconcileErrorLog(errorLog: LayerResult, others: ReconcileInputs, hits: PatternHit[]): LayerResult {
  if (errorLog.status !== 'failed') return errorLog;
  const errHits = hits.filter((h) => h.artifact === ERR);
  // Warn rows never fail the layer, so only error rows decide whether every failure is a stale watchdog entry.
  const errors = errHits.filter((h) => h.severity === 'error');
  const e2eOk = others.e2e?.status === 'ok';
  if (e2eOk && errors.length > 0 && errors.every((h) => WATCHDOG_IDS.has(h.id))) {
    return downgrade(errorLog, 'stale watchdog entries — e2e passing', 'reconciledStaleWatchdog');
  }
  if (e2eOk && others.process?.status === 'ok' && others.redis?.status === 'ok') {
    return downgrade(errorLog, 'error patterns found but gateway recovered — e2e/process/redis all passing', 'reconciledRecovered');
  }
  if (others.redisDegradedMode && errors.length > 0 && errors.every((h) => REDIS_TRANSPORT_IDS.has(h.id))) {
    // The procedure (scenario 4): redis_degraded is not a full outage while the daemon stays available.
    const note = 'only Redis transport errors, and the daemon reports redis_degraded while available: the degraded surface, not an outage';
    return downgrade(errorLog, note, 'reconciledRedisDegraded');
  }
  return errorLog;
}

const layer: Layer = { id: 'error-log', seedLayer: 2, title: 'Error log (gateway.err)', run };

export default layer;
