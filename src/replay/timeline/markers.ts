import { A } from '../../bundle/artifacts.js';
import type { ReplayContext } from '../context.js';
import { asRecord, parseHealth } from '../parse/health.js';
import { parseHeartbeat } from '../parse/heartbeat.js';
import { type Moment, lineOf, momentAt } from './moment.js';

// Restart anchors and clocks the gateway writes itself (facts §1.9, §1.11, §2.3): the lifecycle and operator
// restart markers (requestedAt / completedAt), the force-new-session marker, the heartbeat value and file mtime,
// and /health's mode and fallback `since`.

const str = (v: unknown): string => (v === undefined || v === null ? '?' : String(v));

function restartMarker(ctx: ReplayContext, id: string, source: string, what: string): Moment[] {
  const m = ctx.absence(id) ? null : asRecord(ctx.json(id));
  if (!m) return [];
  const lines = ctx.lines(id);
  const reason = m.reason === undefined ? '' : ` (${str(m.reason)})`;
  return [
    ...momentAt(m.requestedAt, { source, text: `${what} requested${reason}, pid ${str(m.previousPid)}`, artifact: id, line: lineOf(lines, /"requestedAt"/), important: true }),
    ...momentAt(m.completedAt, { source, text: `${what} ${m.status === 'failed' ? 'failed' : 'completed'}: pid ${str(m.previousPid)} → ${str(m.newPid)}`, artifact: id, line: lineOf(lines, /"completedAt"/), important: true }),
  ];
}

// Why: the only reliable restart times when logs have none.
export function markerMoments(ctx: ReplayContext): Moment[] {
  const out: Moment[] = [
    ...restartMarker(ctx, A.lifecycleMarker.id, 'lifecycle', 'restart'),
    ...restartMarker(ctx, A.operatorRestartMarker.id, 'operator-restart', 'operator restart'),
  ];
  const fns = ctx.absence(A.forceNewSessionMarker.id) ? null : asRecord(ctx.json(A.forceNewSessionMarker.id));
  if (fns) out.push(...momentAt(fns.requestedAt, { source: 'force-new-session', text: `fresh session requested (${str(fns.reason)})`, artifact: A.forceNewSessionMarker.id, important: true }));
  const hbText = ctx.absence(A.heartbeatFile.id) ? undefined : ctx.text(A.heartbeatFile.id);
  if (hbText !== undefined) {
    out.push(...momentAt(parseHeartbeat(hbText).ts, { source: 'heartbeat', text: 'heartbeat value (lastHeartbeatTs)', artifact: A.heartbeatFile.id, line: 1 }));
    out.push(...momentAt(ctx.entry(A.heartbeatFile.id)?.mtime, { source: 'heartbeat', text: 'heartbeat file last written (mtime, what the tripwire judges)', artifact: A.heartbeatFile.id }));
  }
  const health = ctx.text(A.health.id);
  const parsed = health === undefined || health.trim() === '' ? null : parseHealth(health);
  if (parsed?.ok) {
    const body = parsed.body;
    out.push(...momentAt(body.since, { source: 'health', text: `gateway mode ${str(body.mode)} since (${str(body.reason)})`, artifact: A.health.id, important: body.mode !== undefined && body.mode !== 'normal' }));
    const fb = asRecord(body.status?.fallback);
    if (fb?.active === true) out.push(...momentAt(fb.since, { source: 'health', text: `fallback active on ${str(fb.model)} since (activations: ${str(fb.activationCount)})`, artifact: A.health.id, important: true }));
  }
  return out;
}

