import { asRecord } from './parse/health.js';

// The real diagnose's L3 session-pressure, L4 interruptibility and L7 operator-tracing layers (facts §2.4),
// computed from the status sections of /health. Field names vary across daemon versions: read each
// under its known aliases.

/** A layer of `joelclaw gateway diagnose` output: what `--format diagnose` prints. */
export interface DiagnoseLayer {
  layer: 'process' | 'cli-status' | 'session-pressure' | 'interruptibility' | 'channel-health' | 'channel-healing' | 'operator-tracing';
  status: 'ok' | 'degraded' | 'failed' | 'skipped';
  detail: string;
  findings: string[];
}

/** The first of several candidate keys that is present. */
export const pick = (o: Record<string, unknown> | undefined, ...keys: string[]): unknown => {
  for (const k of keys) if (o && o[k] !== undefined && o[k] !== null) return o[k];
  return undefined;
};
export const numberOf = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
export const textOf = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

// Why: L3 is pushed only when sessionPressure.health is a string; degraded unless it is ok.
export function sessionPressureLayer(sp: Record<string, unknown> | undefined, now: Date): DiagnoseLayer | null {
  const health = textOf(sp?.health);
  if (!sp || health === null) return null;
  const nextAction = textOf(sp.nextAction) ?? 'observe';
  const summary = textOf(pick(sp, 'nextThresholdSummary', 'nextThreshold')) ?? 'unknown';
  const findings: string[] = [];
  const usage = numberOf(pick(sp, 'usagePercent', 'contextUsagePercent', 'contextPercent'));
  if (usage !== null) findings.push(`context: ${usage}% used`);
  const compactionAgeMs = numberOf(pick(sp, 'lastCompactionAgeMs', 'lastCompactionAgoMs', 'msSinceLastCompaction'));
  const compactionAt = textOf(sp.lastCompactionAt);
  const compactionMin = compactionAgeMs !== null ? compactionAgeMs / 60_000 : compactionAt ? (now.getTime() - Date.parse(compactionAt)) / 60_000 : null;
  if (compactionMin !== null && Number.isFinite(compactionMin)) findings.push(`last compaction: ${Math.round(compactionMin)}m ago`);
  const ageMs = numberOf(pick(sp, 'sessionAgeMs'));
  const ageH = ageMs !== null ? ageMs / 3_600_000 : numberOf(sp.sessionAgeHours);
  if (ageH !== null) findings.push(`session age: ${ageH.toFixed(1)}h`);
  findings.push(`next action: ${nextAction}`, `next threshold: ${summary}`);
  // The daemon's snapshot is flat (session-pressure.ts:18-46; the CLI reads it at gateway.ts:2161-2168);
  // nested threads{} / fallback{} objects are read too, for whatever carries them.
  const threads = asRecord(pick(sp, 'threads', 'threadCounts'));
  const total = numberOf(sp.totalThreads) ?? numberOf(threads?.total);
  if (total !== null) {
    const active = numberOf(sp.activeThreads) ?? numberOf(threads?.active) ?? 0;
    const warm = numberOf(sp.warmThreads) ?? numberOf(threads?.warm) ?? 0;
    findings.push(`threads: ${active} active / ${warm} warm / ${total} total`);
  }
  const fb = asRecord(sp.fallback);
  const fbActive = typeof sp.fallbackActive === 'boolean' ? sp.fallbackActive : typeof fb?.active === 'boolean' ? fb.active : null;
  const activations = numberOf(sp.fallbackActivationCount) ?? numberOf(pick(fb, 'activations', 'activationCount'));
  const failures = numberOf(sp.consecutivePromptFailures) ?? numberOf(pick(fb, 'consecutiveFailures', 'consecutivePromptFailures'));
  if (fbActive !== null || activations !== null || failures !== null) {
    findings.push(`fallback: ${fbActive === true ? 'active' : 'inactive'}; activations: ${activations ?? 0}; consecutive failures: ${failures ?? 0}`);
  }
  const reasons = Array.isArray(sp.reasons) ? sp.reasons.filter((r) => typeof r === 'string') : [];
  if (reasons.length > 0) findings.push(`signals: ${reasons.join(', ')}`);
  const alert = asRecord(sp.alerting);
  if (alert && textOf(alert.lastNotifiedAt)) findings.push(`last alert: ${alert.lastNotifiedHealth ?? 'unknown'} at ${alert.lastNotifiedAt}`);
  const ok = health === 'ok';
  const detail = ok ? `Session pressure ok — next threshold ${summary}` : `Session pressure ${health} — gateway should ${nextAction}; next threshold ${summary}`;
  return { layer: 'session-pressure', status: ok ? 'ok' : 'degraded', detail, findings };
}

// Why: L4 says whether a newer human message already superseded the stale turn (a pause may be intended).
export function interruptibilityLayer(sup: Record<string, unknown> | undefined): DiagnoseLayer {
  const active = asRecord(sup?.activeRequest);
  const last = asRecord(sup?.lastEvent);
  const batching = asRecord(sup?.batching);
  const findings: string[] = [];
  const superseded = active?.superseded === true;
  if (superseded) findings.push(`active request ${active?.id ?? '?'} from ${active?.source ?? '?'} superseded by ${active?.supersededBySource ?? '?'} at ${active?.supersededAt ?? '?'}`);
  if (last) {
    findings.push(`last supersession: ${last.source ?? '?'} at ${last.enqueuedAt ?? '?'}`);
    findings.push(`dropped queued: ${last.droppedQueued ?? 0}; abort requested: ${last.abortRequested === true}`);
  }
  const pending = numberOf(batching?.pendingCount) ?? 0;
  if (batching) findings.push(`batch window: ${batching.windowMs ?? '?'}ms`);
  if (pending > 0) findings.push(`pending batches: ${pending} (${(Array.isArray(batching?.pendingSources) ? batching.pendingSources : []).join(', ')})`);
  const flush = asRecord(batching?.lastFlush);
  if (flush) findings.push(`last batch: ${flush.source ?? '?'} flushed at ${flush.flushedAt ?? '?'} with ${flush.messageCount ?? '?'} message(s)`);
  const base = superseded ? `Active request superseded by ${active?.supersededBySource ?? 'a newer message'}` : sup ? 'No superseded active request' : 'No supersession snapshot';
  const detail = pending > 0 ? `${base}; batching ${pending} pending` : base;
  return { layer: 'interruptibility', status: superseded ? 'degraded' : 'ok', detail, findings };
}

const traceText = (t: Record<string, unknown>): string =>
  `${t.kind ?? 'action'} ${t.route ?? t.handler ?? '?'} (${t.traceId ?? '?'})${t.error ? `: ${String(t.error)}` : t.detail ? `: ${String(t.detail)}` : ''}`;

// Why: L7 says whether Telegram operator callbacks and commands ack, complete, fail or time out.
export function operatorTracingLayer(ot: Record<string, unknown> | undefined): DiagnoseLayer {
  const activeCount = numberOf(ot?.activeCount) ?? 0;
  const failed = asRecord(ot?.lastFailed);
  const timedOut = asRecord(ot?.lastTimedOut);
  const completed = asRecord(ot?.lastCompleted);
  const findings: string[] = [];
  if (activeCount > 0) findings.push(`active: ${activeCount} (${(Array.isArray(ot?.activeRoutes) ? ot.activeRoutes : []).join(', ')})`);
  if (completed) findings.push(`last completed: ${traceText(completed)} at ${completed.completedAt ?? '?'}`);
  if (failed) findings.push(`last failed: ${traceText(failed)} at ${failed.failedAt ?? '?'}`);
  if (timedOut) findings.push(`last timed out: ${traceText(timedOut)} at ${timedOut.timedOutAt ?? '?'}`);
  const degraded = Boolean(failed || timedOut || activeCount > 0);
  const parts = [timedOut ? 'an operator action timed out' : '', failed ? 'an operator action failed' : '', activeCount > 0 ? `${activeCount} active` : ''].filter(Boolean);
  const detail = !ot ? 'No operator tracing snapshot' : degraded ? `Operator tracing: ${parts.join(', ')}` : 'Operator actions acking and completing';
  return { layer: 'operator-tracing', status: degraded ? 'degraded' : 'ok', detail, findings };
}
