import { A } from '../../bundle/artifacts.js';
import type { ReplayContext } from '../context.js';
import modelFallback from '../patterns/model-fallback.js';
import { scanPatterns } from '../patterns/scan.js';
import type { Evidence, Finding, Layer, LayerResult, LogRecord } from '../types.js';
import { logCutFinding } from './error-log.js';

// Seed layer 3: the event flow in gateway.log (facts §1.1 prefixes, §2.4 L9, §8.10). Lines carry no timestamps,
// so order is record order within one file; gateway.err is read only for `[gateway:fallback] activated`, which
// goes to stderr (facts §0.7) where the real diagnose never looks for it.

const LOG = A.gatewayLog.id;
const ERR = A.gatewayErrLog.id;

export type FlowKind = 'startup' | 'shutdown' | 'received' | 'persisted' | 'dispatched' | 'response' | 'fallback' | 'recovered' | 'replay';

/** One flow event of gateway.log, in record order. */
export interface FlowEvent {
  kind: FlowKind;
  line: number;
  text: string;
}

export interface FallbackState {
  /** On the fallback model at the end of the logs. */
  current: boolean;
  /** Why we think so, in one line (cross-file order is unknowable: no timestamps). */
  basis: string;
  activations: Evidence[];
  recoveries: Evidence[];
}

/** gateway.log parsed once for the layer, the timeline and the scenarios. */
export interface StdoutFlow {
  records: number;
  runtime: 'legacy' | 'slim' | 'unknown';
  events: FlowEvent[];
  lastStartup: FlowEvent | null;
  /** What the last `daemon started` record says (null fields when it does not say, e.g. the slim transport). */
  startup: { pid: number | null; model: string | null; sessionId: string | null } | null;
  restarts: Array<{ line: number; signal: string | null; watchdog: boolean }>;
  counts: { received: number; persisted: number; dispatched: number; responses: number };
  fallback: FallbackState;
  replays: Array<{ line: number; count: number | null }>;
  /** Prompts dispatched after the last `response ready`. */
  unanswered: { count: number; firstLine: number } | null;
  /** `response ready` records after the last startup that followed a watchdog restart. */
  deliveryAfterRestart: { restartLine: number; signal: string; startupLine: number; responses: number } | null;
}

const KINDS: ReadonlyArray<[FlowKind, RegExp]> = [
  ['startup', /\[gateway\] daemon started|\[gateway:transport\] slim transport ready/i],
  ['shutdown', /\[gateway\] shutting down/i],
  ['received', /\bmessage received\b/i],
  ['persisted', /persisted inbound message/i],
  ['dispatched', /prompt dispatched/i],
  ['response', /\bresponse ready\b/i],
  ['recovered', /recovered to primary/i],
  ['replay', /replayed unacked messages/i],
];
const SIGNAL = /signal["']?\s*[:=]\s*["']?([\w:.-]+)/i;
const COUNT = /\bcount["']?\s*[:=]\s*(\d+)/i;
const PID = /^\s*pid:\s*(\d+)/m;
const MODEL = /^\s*model:\s*"([^"]+)"/m;
const SESSION_ID = /^\s*sessionId:\s*"([^"]+)"/m;
const SLIM = /slim transport ready/i;
/** The controller's own recovery line; the notify text repeats it, so counts prefer this shape. */
const RECOVERED_LINE = /\[gateway:fallback\]\s+recovered to primary/i;

/** The flow kind of a gateway.log record, or null for records the flow ignores. */
function kindOf(r: LogRecord): FlowKind | null {
  if (modelFallback.match(r)) return 'fallback';
  return KINDS.find(([, re]) => re.test(r.head))?.[0] ?? null;
}

function fallbackState(events: FlowEvent[], errRecords: readonly LogRecord[], lastStartup: FlowEvent | null): FallbackState {
  const acts = events.filter((e) => e.kind === 'fallback');
  const recs = events.filter((e) => e.kind === 'recovered');
  const errActs = errRecords.filter((r) => modelFallback.match(r));
  const activations = [...errActs.map((r) => ({ artifact: ERR, line: r.line })), ...acts.map((e) => ({ artifact: LOG, line: e.line }))];
  const recoveries = recs.map((e) => ({ artifact: LOG, line: e.line }));
  const recoveryCount = recs.filter((e) => RECOVERED_LINE.test(e.text)).length || recs.length;
  const state = (current: boolean, basis: string): FallbackState => ({ current, basis, activations, recoveries });
  if (activations.length === 0) return state(false, 'no fallback activation in either log');
  const since = lastStartup?.line ?? 0;
  const lastAct = acts[acts.length - 1]?.line ?? 0;
  const lastRec = recs[recs.length - 1]?.line ?? 0;
  // A fresh daemon starts on the primary model and notifies (to gateway.log) on its first activation.
  if (lastStartup && lastAct < since && lastRec < since) {
    return state(false, `no fallback notice since the last startup (gateway.log:${since})`);
  }
  if (lastAct > lastRec) return state(true, `fallback notice at gateway.log:${lastAct} after the last recovery`);
  // Notify texts have a 30 min cooldown, so gateway.err may hold more activations than gateway.log shows.
  if (errActs.length > recoveryCount) {
    return state(true, `${errActs.length} activation(s) in gateway.err, ${recoveryCount} recovery(ies) in gateway.log`);
  }
  return state(false, `recovered to primary at gateway.log:${lastRec}`);
}

function parseFlow(records: readonly LogRecord[], errRecords: readonly LogRecord[]): StdoutFlow {
  const events: FlowEvent[] = [];
  for (const r of records) {
    const kind = kindOf(r);
    if (kind) events.push({ kind, line: r.line, text: r.head.slice(0, 200) });
  }
  const byKind = (k: FlowKind) => events.filter((e) => e.kind === k);
  const startups = byKind('startup');
  const lastStartup = startups[startups.length - 1] ?? null;
  const textAt = new Map(records.map((r) => [r.line, r.text]));
  const restarts = byKind('shutdown').map((e) => {
    const signal = SIGNAL.exec(textAt.get(e.line) ?? '')?.[1] ?? null;
    return { line: e.line, signal, watchdog: signal?.startsWith('watchdog:') ?? false };
  });
  const responses = byKind('response');
  const lastResponse = responses[responses.length - 1]?.line ?? 0;
  const late = byKind('dispatched').filter((e) => e.line > lastResponse);
  const startText = lastStartup ? (textAt.get(lastStartup.line) ?? '') : null;
  const pid = startText === null ? undefined : PID.exec(startText)?.[1];
  const lastWatchdog = restarts.filter((r) => r.watchdog).pop();
  const after = lastWatchdog && lastStartup && lastStartup.line > lastWatchdog.line ? lastStartup : null;
  const delivered = after ? responses.filter((e) => e.line > after.line).length : 0;
  return {
    records: records.length,
    runtime: lastStartup ? (SLIM.test(lastStartup.text) ? 'slim' : 'legacy') : 'unknown',
    events,
    lastStartup,
    startup:
      startText === null
        ? null
        : { pid: pid === undefined ? null : Number(pid), model: MODEL.exec(startText)?.[1] ?? null, sessionId: SESSION_ID.exec(startText)?.[1] ?? null },
    restarts,
    counts: {
      received: byKind('received').length,
      persisted: byKind('persisted').length,
      dispatched: byKind('dispatched').length,
      responses: responses.length,
    },
    fallback: fallbackState(events, errRecords, lastStartup),
    replays: byKind('replay').map((e) => {
      const n = COUNT.exec(textAt.get(e.line) ?? '')?.[1];
      return { line: e.line, count: n === undefined ? null : Number(n) };
    }),
    unanswered: late[0] ? { count: late.length, firstLine: late[0].line } : null,
    deliveryAfterRestart:
      lastWatchdog && after && delivered > 0
        ? { restartLine: lastWatchdog.line, signal: lastWatchdog.signal ?? '?', startupLine: after.line, responses: delivered }
        : null,
  };
}

// Why: the timeline and scenarios need the same restarts, fallback spans and flow as this layer; parse once.
export function stdoutFlow(ctx: ReplayContext): StdoutFlow | null {
  return ctx.memo('stdout-flow', () => {
    const records = ctx.records(LOG);
    if (!records) return null; // not collected: the layer says why
    return parseFlow(records, ctx.records(ERR) ?? []);
  });
}

const at = (line: number): Evidence[] => [{ artifact: LOG, line }];
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
  const lastFlow = f.events.filter((e) => e.kind !== 'startup' && e.kind !== 'shutdown').slice(-1);
  const flow = `flow: ${c.received} received, ${c.persisted} persisted, ${c.dispatched} prompt(s) dispatched, ${c.responses} response(s) ready`;
  add('eventFlow', flow, 'info', lastFlow.flatMap((e) => at(e.line)));
  if (f.unanswered) {
    add('unansweredPrompt', `${f.unanswered.count} prompt(s) dispatched with no response ready after them`, 'warn', at(f.unanswered.firstLine));
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
  if (f.unanswered) parts.push(`${f.unanswered.count} prompt(s) unanswered`);
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
    const degraded = f.fallback.current || f.restarts.some((r) => r.watchdog) || f.unanswered !== null;
    return { ...base, status: degraded ? 'degraded' : 'ok', detail: detailOf(f), findings: findings(ctx, f) };
  },
};

export default layer;
