import { A } from '../../bundle/artifacts.js';
import type { ReplayContext } from '../context.js';
import { scanPatterns } from '../patterns/scan.js';
import { type StdoutFlow, muteRun, stdoutFlow } from '../stdout-flow.js';
import type { Evidence, Finding, Layer, LayerResult } from '../types.js';
import { RECENT_RESTART_MS, runningDaemonStart } from '../err-history.js';
import { logCutFinding } from './error-log.js';

// Seed layer 3: the event flow in gateway.log (src/replay/stdout-flow.ts), judged: restarts by the watchdog,
// the fallback model in use, prompts dispatched with no response after them. A run of prompts that nobody
// answered fails the layer however clean gateway.err is: that is how the owner's context-overflow "black hole"
// looked (ADR-0141, 2026-02-25: every prompt persisted, dispatched and acked, e2e draining, no reply for hours).

const LOG = A.gatewayLog.id;

const at = (line: number): Evidence[] => [{ artifact: LOG, line }];

const stalled = (f: StdoutFlow): boolean => muteRun(f) !== null;

// Why: a watchdog restart is the incident while it is recent; one that started a daemon healthy for more than an
// hour, or that an operator restart has followed since, is history like the err records before it.
function recentWatchdogRestart(ctx: ReplayContext, f: StdoutFlow): boolean {
  const lastStart = f.lastStartup?.line ?? 0;
  const last = f.restarts.filter((r) => r.line < lastStart).at(-1) ?? f.restarts.at(-1);
  if (!last?.watchdog) return false;
  const start = runningDaemonStart(ctx);
  return start === null || ctx.now.getTime() - start.ms < RECENT_RESTART_MS;
}
type Severity = NonNullable<Finding['severity']>;

function findings(ctx: ReplayContext, f: StdoutFlow): Finding[] {
  const out: Finding[] = [];
  const add = (messageId: string, text: string, severity: Severity, evidence: Evidence[]) =>
    out.push({ messageId, text, severity, evidence: evidence.length > 0 ? evidence : [{ artifact: LOG }] });
  const st = f.startup;
  const said = [st?.pid && `pid ${st.pid}`, st?.model && `model ${st.model}`, st?.sessionId && `session ${st.sessionId}`].filter(Boolean);
  if (f.lastStartup) add('lastStartup', `last startup (${f.runtime} runtime)${said.length ? `: ${said.join(', ')}` : ''}`, 'info', at(f.lastStartup.line));
  else add('noStartup', `no daemon startup in the ${f.records} records kept`, 'info', []);
  for (const r of f.restarts.filter((x) => x.watchdog)) {
    add('watchdogRestart', `the watchdog restarted the daemon (signal ${r.signal})`, 'warn', at(r.line));
  }
  const other = f.restarts.filter((x) => !x.watchdog);
  if (other.length > 0) {
    const signals = [...new Set(other.map((r) => r.signal ?? 'unknown signal'))].join(', ');
    add('shutdowns', `${other.length} other shutdown(s) (${signals})`, 'info', other.flatMap((r) => at(r.line)));
  }
  const c = f.counts;
  const flow = `flow: ${c.received} received, ${c.persisted} persisted, ${c.dispatched} prompt(s) dispatched, ${c.responses} response(s) ready`;
  add('eventFlow', flow, 'info', f.lastEvent ? at(f.lastEvent.line) : []);
  if (f.unanswered && stalled(f)) {
    const text = `${f.unanswered.count} prompt(s) dispatched since the last response ready and none answered: nobody got a reply (a mute gateway, however clean gateway.err is)`;
    add('unansweredPrompt', text, 'error', at(f.unanswered.firstLine));
  } else if (f.unanswered) {
    add('promptInFlight', 'the last prompt was dispatched and its response was not ready yet at capture (in flight)', 'info', at(f.unanswered.firstLine));
  }
  const fb = f.fallback;
  const fbEvidence = [...fb.activations, ...fb.recoveries].slice(-6);
  if (fb.current) add('onFallback', `currently on the fallback model: ${fb.basis}`, 'warn', fbEvidence);
  else if (fb.activations.length > 0) {
    add('fallbackRecovered', `fallback activated ${fb.activations.length} time(s), back on primary: ${fb.basis}`, 'info', fbEvidence);
  }
  for (const r of f.replays) {
    add('unackedReplay', `startup replayed ${r.count ?? 'some'} unacked message(s) into the priority queue`, 'info', at(r.line));
  }
  const d = f.deliveryAfterRestart;
  if (d) {
    const text = `${d.responses} response(s) ready since the daemon restarted after ${d.signal}`;
    add('deliveryAfterRestart', text, 'info', [...at(d.restartLine), ...at(d.startupLine)]);
  }
  for (const h of scanPatterns(ctx).filter((x) => x.artifact === LOG)) {
    add(`pattern:${h.id}`, `[${h.severity}] ${h.label} ×${h.count}`, h.severity, at(h.lastLine));
  }
  const cut = logCutFinding(ctx, LOG);
  if (cut) out.push(cut);
  return out;
}

function detailOf(f: StdoutFlow): string {
  const parts = [`${f.records} records scanned`];
  parts.push(f.lastStartup ? `${f.runtime} runtime, last startup at line ${f.lastStartup.line}` : 'no startup in the log');
  if (f.restarts.length > 0) parts.push(`${f.restarts.length} shutdown(s), ${f.restarts.filter((r) => r.watchdog).length} by the watchdog`);
  parts.push(`${f.counts.dispatched} dispatched / ${f.counts.responses} responses ready`);
  if (f.fallback.current) parts.push('on fallback model');
  if (f.unanswered && stalled(f)) parts.push(`${f.unanswered.count} prompt(s) dispatched, none answered: mute`);
  return parts.join('; ');
}

const layer: Layer = {
  id: 'stdout-log',
  seedLayer: 3,
  title: 'Stdout log (event flow)',
  run(ctx): LayerResult {
    const base = { id: 'stdout-log', seedLayer: 3, title: layer.title } as const;
    const absent = ctx.absence(LOG);
    if (absent) return { ...base, status: 'unknown', reason: absent, detail: 'gateway.log not available', findings: [] };
    const f = stdoutFlow(ctx);
    if (!f || f.records === 0) {
      const reason = 'gateway.log is empty: no startup or event flow to read';
      return { ...base, status: 'unknown', reason, detail: reason, findings: [] };
    }
    const degraded = f.fallback.current || recentWatchdogRestart(ctx, f);
    const status = stalled(f) ? 'failed' : degraded ? 'degraded' : 'ok';
    return { ...base, status, detail: detailOf(f), findings: findings(ctx, f) };
  },
};

export default layer;
