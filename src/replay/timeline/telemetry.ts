import { A } from '../../bundle/artifacts.js';
import type { ReplayContext } from '../context.js';
import { asRecord } from '../parse/health.js';
import { eventCount, eventLastSeen } from '../parse/k8s.js';
import { otelEvents } from '../parse/otel.js';
import { type Moment, escapeRe, lineOf, momentAt, short } from './moment.js';

// OTEL events (facts §5: daemon.started / shutdown give exact restart times) and Kubernetes events and
// container terminations of the gateway namespace (lastTimestamp, else eventTime, firstTimestamp, creation).

type Rec = Record<string, unknown>;
const items = (v: unknown): Rec[] => {
  const list = Array.isArray(v) ? v : asRecord(v)?.items;
  return (Array.isArray(list) ? list : []).map((i) => asRecord(i) ?? {});
};

// Why: every telemetry event once, cited at its line in the search output that returned it.
export function otelMoments(ctx: ReplayContext): Moment[] {
  return otelEvents(ctx).map((e) => ({
    ms: e.ms,
    source: 'otel',
    text: short(`${e.component} ${e.action}${e.success === false ? ' (failed)' : ''}${e.error ? `: ${e.error}` : ''}`),
    artifact: e.artifact,
    ...(e.line === undefined ? {} : { line: e.line }),
    important: e.level === 'error' || e.level === 'fatal' || e.success === false,
  }));
}

/** The API list when it parsed, else the kubectl fallback's. */
function k8sList(ctx: ReplayContext, apiId: string, kubectlId: string): { list: Rec[]; artifact: string } | null {
  for (const id of [apiId, kubectlId]) {
    if (ctx.absence(id) === null && asRecord(ctx.json(id))) return { list: items(ctx.json(id)), artifact: id };
  }
  return null;
}

// Why: pod restarts, back-offs and OOM kills are the substrate's own clock.
export function k8sMoments(ctx: ReplayContext): Moment[] {
  const out: Moment[] = [];
  const ev = ctx.absence(A.k8sEvents.id) ? null : ctx.json(A.k8sEvents.id);
  const evLines = ctx.lines(A.k8sEvents.id);
  for (const e of items(ev)) {
    const meta = asRecord(e.metadata) ?? {};
    const obj = asRecord(e.involvedObject) ?? asRecord(e.regarding) ?? {};
    const when = eventLastSeen(e);
    const name = typeof meta.name === 'string' ? meta.name : null;
    const line = name ? lineOf(evLines, new RegExp(`"name":\\s*"${escapeRe(name)}"`)) : undefined;
    const count = eventCount(e) > 1 ? ` (×${eventCount(e)})` : '';
    const text = `k8s ${String(e.type ?? 'Normal')} ${String(e.reason ?? '?')} ${String(obj.kind ?? '?')}/${String(obj.name ?? '?')}: ${String(e.message ?? e.note ?? '')}`;
    out.push(...momentAt(when, { source: 'k8s', text: short(`${text}${count}`), artifact: A.k8sEvents.id, ...(line ? { line } : {}), important: e.type === 'Warning' }));
  }
  const pods = k8sList(ctx, A.k8sPods.id, A.kubectlPods.id);
  for (const p of pods?.list ?? []) {
    const pod = String(asRecord(p.metadata)?.name ?? '?');
    for (const c of (Array.isArray(asRecord(p.status)?.containerStatuses) ? (asRecord(p.status)?.containerStatuses as unknown[]) : []).map((x) => asRecord(x) ?? {})) {
      const t = asRecord(asRecord(c.lastState)?.terminated);
      if (!t) continue;
      const text = `pod ${pod} container ${String(c.name ?? '?')} terminated (${String(t.reason ?? '?')}, exit ${String(t.exitCode ?? '?')}); restarts ${String(c.restartCount ?? '?')}`;
      out.push(...momentAt(t.finishedAt, { source: 'k8s', text, artifact: pods!.artifact, important: true }));
    }
  }
  return out;
}
