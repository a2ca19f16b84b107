import { A } from '../../bundle/artifacts.js';
import { channelHealingLayer, channelHealthLayer } from '../channel-sublayers.js';
import type { ReplayContext } from '../context.js';
import { type DiagnoseLayer, interruptibilityLayer, operatorTracingLayer, sessionPressureLayer, textOf } from '../diagnose-sublayers.js';
import { gatewayAbsence } from '../gateway-presence.js';
import { type GatewayStatus, gatewayStatus } from '../gateway-status.js';
import { modelDrift } from '../model-facts.js';
import { processFacts } from '../process-facts.js';
import type { Finding, Layer, LayerResult, LayerStatus } from '../types.js';
import processLayer from './process.js';

// Seed layer 1: what `joelclaw gateway status` would say (mode, sessions, pending, pressure, channels),
// recomputed without running it, judged by the real L2 rules; the real L3-L7 layers fold in as findings.

export { gatewayStatus, type GatewayStatus } from '../gateway-status.js';
export type { DiagnoseLayer } from '../diagnose-sublayers.js';

/** Pending events above this make a connected gateway degraded (gateway.ts L2 rule 3). */
const PENDING_DEGRADED = 3;

type Core = { status: LayerStatus; detail: string; reason?: string; findings: string[] };

// Why: the real L2 rules 1-4 in order over a status object; redisOk may come from the daemon's view.
export function cliStatusRule(s: GatewayStatus, redisOk: boolean): { status: 'ok' | 'degraded' | 'failed'; detail: string; findings: string[] } {
  const n = s.activeSessions.length;
  const p = s.totalPending;
  const checkpoint = s.guardrails?.checkpointSentThisTurn === true;
  const deploys = Array.isArray(s.guardrails?.pendingDeployVerifications) ? s.guardrails.pendingDeployVerifications.length : 0;
  const pressure = textOf(s.sessionPressure?.health);
  const extras = [
    pressure ? `session pressure: ${pressure}` : null,
    checkpoint ? 'runtime checkpoint already sent this turn' : null,
    deploys > 0 ? `${deploys} deploy verification pending` : null,
  ].filter((x): x is string => x !== null);
  if (s.mode === 'redis_degraded' && s.available !== false) {
    const k = s.degradedCapabilities.length;
    return { status: 'degraded', detail: `Gateway available in redis_degraded mode, ${n} session(s), ${p} pending`, findings: [`${k} degraded ${k === 1 ? 'capability' : 'capabilities'}`, ...extras] };
  }
  if (redisOk && n > 0 && p === 0) return { status: 'ok', detail: `Redis connected, ${n} session(s), 0 pending`, findings: extras };
  if (redisOk) {
    const degraded = p > PENDING_DEGRADED || checkpoint || deploys > 0;
    return { status: degraded ? 'degraded' : 'ok', detail: `Redis connected, ${n} session(s), ${p} pending`, findings: extras };
  }
  return { status: 'failed', detail: 'Redis not connected or no sessions', findings: extras };
}

/** L2 with our missing-evidence rules: never failed on a source that was not collected. */
function core(ctx: ReplayContext): Core {
  const s = gatewayStatus(ctx);
  const slim = processFacts(ctx).runtime === 'slim';
  const healthWhy = ctx.absence(A.health.id) ?? '/health did not parse';
  if (!s) {
    const reason = `${healthWhy}; ${ctx.absence(A.redisPing.id)}`;
    return slim ? { status: 'skipped', detail: 'slim transport runs: it serves no /health', reason, findings: [] } : { status: 'unknown', detail: 'neither /health nor Redis was collected', reason, findings: [] };
  }
  const findings: string[] = [];
  if (s.sources.health !== 'ok' && slim) findings.push('slim transport runs: /health, session pressure, channels and tracing do not exist (skipped)');
  else if (s.sources.health === 'missing' || s.sources.health === 'unparseable') findings.push(`/health not available: ${healthWhy}`);
  let redisOk = s.sources.redis === 'connected';
  if (s.sources.redis === 'missing') {
    if (s.mode === 'redis_degraded' && s.available !== false) return { ...cliStatusRule(s, false), findings: [...findings, ...cliStatusRule(s, false).findings] };
    if (s.components?.redis !== 'ok') return { status: 'unknown', detail: 'Redis was not collected', reason: ctx.absence(A.redisPing.id) ?? 'redis/ping missing', findings };
    redisOk = true;
    findings.push("redis/ping not collected: judged on the daemon's own redis component (ok)");
  } else if (s.sources.redis === 'unreachable' && s.sources.health === 'missing') {
    if (slim) return { status: 'skipped', detail: 'slim transport runs: it serves no /health', reason: `Redis unreachable; ${healthWhy}`, findings };
    return { status: 'unknown', detail: 'Redis unreachable and /health not collected', reason: healthWhy, findings };
  }
  const rule = cliStatusRule(s, redisOk);
  // Better than the real rules: the real L2 passes on Redis alone, so with no daemon at all (dead after a
  // reboot, or no gateway on this machine) a Redis that answers read as `ok`. `joelclaw gateway status` itself
  // says healthy: false and daemon.reachable: false there (gateway.ts:342-344, since joelclaw fca46a27).
  if (s.sources.health === 'unreachable' && !slim && rule.status !== 'failed') {
    const why = ctx.entry(A.health.id)?.reason ?? 'no answer';
    const none = gatewayAbsence(ctx);
    const said = `joelclaw gateway status would say healthy: false, daemon.reachable: false${s.available ? ' (available: true only because Redis answers)' : ''}`;
    const detail = `Daemon unreachable: ${none ? 'no gateway on this machine' : `/health did not answer (${why})`}; ${rule.detail}`;
    return { status: 'failed', detail, findings: [...findings, said, ...rule.findings] };
  }
  // Better than the real rules: a daemon that itself answers available:false (stuck or dead session) is not ok.
  if (rule.status === 'ok' && s.sources.health === 'ok' && s.available === false) {
    const session = typeof s.components?.session === 'string' ? s.components.session : 'unknown';
    return { status: 'degraded', detail: `${rule.detail}; daemon reports unavailable (session ${session})`, findings: [...findings, ...rule.findings] };
  }
  return { ...rule, findings: [...findings, ...rule.findings] };
}

// Why: the real diagnose's L1-L7 objects, for the `--format diagnose` writer.
export function diagnoseSubLayers(ctx: ReplayContext): DiagnoseLayer[] {
  return ctx.memo('diagnoseSubLayers', () => {
    const toReal = (st: LayerStatus): DiagnoseLayer['status'] => (st === 'unknown' ? 'skipped' : st);
    const p = processLayer.run(ctx);
    const c = core(ctx);
    const out: DiagnoseLayer[] = [
      { layer: 'process', status: toReal(p.status), detail: p.status === 'unknown' ? `Skipped: ${p.reason ?? p.detail}` : p.detail, findings: p.findings.map((f) => f.text) },
      { layer: 'cli-status', status: toReal(c.status), detail: c.status === 'unknown' ? `Skipped: ${c.reason ?? c.detail}` : c.detail, findings: c.findings },
    ];
    return [...out, ...healthSubLayers(ctx)];
  });
}

function healthSubLayers(ctx: ReplayContext): DiagnoseLayer[] {
  const s = gatewayStatus(ctx);
  if (!s || s.sources.health !== 'ok') {
    const detail = `Skipped: no /health snapshot (${processFacts(ctx).runtime === 'slim' ? 'the slim transport serves none' : (ctx.absence(A.health.id) ?? 'unparseable')})`;
    return [
      { layer: 'interruptibility', status: 'skipped', detail, findings: [] },
      { layer: 'operator-tracing', status: 'skipped', detail, findings: [] },
    ];
  }
  return [
    sessionPressureLayer(s.sessionPressure, ctx.now),
    interruptibilityLayer(s.supersession),
    channelHealthLayer(s.channels, s.channelHealth),
    channelHealingLayer(s.channelHealth),
    operatorTracingLayer(s.operatorTracing ?? s.callbackTracing),
  ].filter((l): l is DiagnoseLayer => l !== null);
}

const evidence = [{ artifact: A.health.id }, { artifact: A.redisPing.id }];

const layer: Layer = {
  id: 'cli-status',
  seedLayer: 1,
  title: 'Gateway status (mode, sessions, pending, channels)',
  run(ctx): LayerResult {
    const base = { id: 'cli-status', seedLayer: 1, title: layer.title } as const;
    const c = core(ctx);
    const findings: Finding[] = c.findings.map((text) => ({ messageId: 'status', text, severity: 'info', evidence }));
    const s = gatewayStatus(ctx);
    for (const session of s?.activeSessions ?? []) {
      if (session.pending > 0) findings.push({ messageId: 'sessionPending', text: `session ${session.id}: ${session.pending} pending event(s)`, severity: 'warn', evidence: [{ artifact: A.redisEventLists.id }] });
    }
    if (s?.pruned) findings.push({ messageId: 'prunable', text: `dead satellite session(s) the real status would prune: ${s.pruned.join(', ')}`, severity: 'info', evidence: [{ artifact: A.redisSessions.id }, { artifact: A.ps.id }] });
    if (s && s.degradedCapabilities.length > 0) findings.push({ messageId: 'capabilities', text: `degraded capabilities: ${s.degradedCapabilities.map((d) => d.key).join(', ')}`, severity: 'warn', evidence: [{ artifact: A.health.id }] });
    const subs = healthSubLayers(ctx).filter((l) => l.status !== 'skipped');
    for (const sub of subs) {
      findings.push({ messageId: `sublayer-${sub.layer}`, text: `${sub.layer} ${sub.status}: ${sub.detail}`, severity: sub.status === 'ok' ? 'info' : 'warn', evidence: [{ artifact: A.health.id }] });
    }
    const worse: string[] = subs.filter((l) => l.status === 'degraded').map((l) => l.layer);
    const drift = modelDrift(ctx);
    if (drift) {
      const text = `model drift: the live session runs ${drift.live} while joelclaw:gateway:config asks for ${drift.wanted} (fallback inactive)`;
      findings.push({ messageId: 'modelDrift', text, severity: 'warn', evidence: drift.evidence });
      worse.push('model (drift)');
    }
    let { status, detail } = c;
    if (worse.length > 0 && status === 'ok') status = 'degraded';
    if (worse.length > 0 && (status === 'degraded' || status === 'failed')) detail = `${detail}; ${worse.join(', ')} degraded`;
    return { ...base, status, detail, ...(c.reason ? { reason: c.reason } : {}), findings };
  },
};

export default layer;
