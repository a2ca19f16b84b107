import { A } from '../bundle/artifacts.js';
import type { ReplayContext } from './context.js';
import { recordAt } from './records.js';
import modelFallback from './patterns/model-fallback.js';
import { ScannedRecord, matchedLines } from './patterns/scan.js';
import type { Evidence, LogRecord } from './types.js';

// The event flow of gateway.log as records in order (facts §1.1 prefixes, §2.4 L9, §8.10): startups,
// shutdowns with their signal, received / persisted / dispatched / response, fallback spans (activations
// live in gateway.err, facts §0.7) and replays. The stdout-log layer judges it; the timeline and the
// scenarios reuse it. Lines carry no timestamps, so order is record order within one file.

const LOG = A.gatewayLog.id;
const ERR = A.gatewayErrLog.id;

export type FlowKind = 'startup' | 'shutdown' | 'received' | 'persisted' | 'dispatched' | 'response' | 'fallback' | 'recovered' | 'replay';
/** The kinds of the message path: one per message, so a busy log has ~100,000 of them; only their lines are kept. */
type MessageKind = 'received' | 'persisted' | 'dispatched' | 'response';
const MESSAGE_KINDS: ReadonlySet<FlowKind> = new Set<MessageKind>(['received', 'persisted', 'dispatched', 'response']);

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
  /** Events of the rare kinds (startup, shutdown, fallback, recovered, replay), in record order. */
  events: FlowEvent[];
  /** The last event that is not a startup or shutdown (the message path included). */
  lastEvent: FlowEvent | null;
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

function fallbackState(events: FlowEvent[], errActs: readonly number[], lastStartup: FlowEvent | null): FallbackState {
  const acts = events.filter((e) => e.kind === 'fallback');
  const recs = events.filter((e) => e.kind === 'recovered');
  const activations = [...errActs.map((line) => ({ artifact: ERR, line })), ...acts.map((e) => ({ artifact: LOG, line: e.line }))];
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

/** gateway.log's flow from its records, and the lines of gateway.err's fallback activations (model-fallback). */
function parseFlow(records: readonly LogRecord[], errActivations: readonly number[]): StdoutFlow {
  // One pass; a record's head is decoded once (ScannedRecord) and kept only for the rare kinds and the last event.
  const events: FlowEvent[] = [];
  const lines: Record<MessageKind, number[]> = { received: [], persisted: [], dispatched: [], response: [] };
  let lastEvent: FlowEvent | null = null;
  for (const r of records) {
    const seen = new ScannedRecord(r);
    const kind = kindOf(seen);
    if (!kind) continue;
    const event = { kind, line: r.line, text: seen.head.slice(0, 200) };
    if (MESSAGE_KINDS.has(kind)) lines[kind as MessageKind].push(r.line);
    else events.push(event);
    if (kind !== 'startup' && kind !== 'shutdown') lastEvent = event;
  }
  const byKind = (k: FlowKind) => events.filter((e) => e.kind === k);
  const startups = byKind('startup');
  const lastStartup = startups[startups.length - 1] ?? null;
  // why: a record's text is decoded when read; only the few records below need it
  const textAt = (line: number) => recordAt(records, line)?.text;
  const restarts = byKind('shutdown').map((e) => {
    const signal = SIGNAL.exec(textAt(e.line) ?? '')?.[1] ?? null;
    return { line: e.line, signal, watchdog: signal?.startsWith('watchdog:') ?? false };
  });
  const responses = lines.response;
  const lastResponse = responses[responses.length - 1] ?? 0;
  const late = lines.dispatched.filter((line) => line > lastResponse);
  const startText = lastStartup ? (textAt(lastStartup.line) ?? '') : null;
  const pid = startText === null ? undefined : PID.exec(startText)?.[1];
  const lastWatchdog = restarts.filter((r) => r.watchdog).pop();
  const after = lastWatchdog && lastStartup && lastStartup.line > lastWatchdog.line ? lastStartup : null;
  const delivered = after ? responses.filter((line) => line > after.line).length : 0;
  return {
    records: records.length,
    runtime: lastStartup ? (SLIM.test(lastStartup.text) ? 'slim' : 'legacy') : 'unknown',
    events,
    lastEvent,
    lastStartup,
    startup:
      startText === null
        ? null
        : { pid: pid === undefined ? null : Number(pid), model: MODEL.exec(startText)?.[1] ?? null, sessionId: SESSION_ID.exec(startText)?.[1] ?? null },
    restarts,
    counts: {
      received: lines.received.length,
      persisted: lines.persisted.length,
      dispatched: lines.dispatched.length,
      responses: responses.length,
    },
    fallback: fallbackState(events, errActivations, lastStartup),
    replays: byKind('replay').map((e) => {
      const n = COUNT.exec(textAt(e.line) ?? '')?.[1];
      return { line: e.line, count: n === undefined ? null : Number(n) };
    }),
    unanswered: late[0] !== undefined ? { count: late.length, firstLine: late[0] } : null,
    deliveryAfterRestart:
      lastWatchdog && after && delivered > 0
        ? { restartLine: lastWatchdog.line, signal: lastWatchdog.signal ?? '?', startupLine: after.line, responses: delivered }
        : null,
  };
}

/** Prompts dispatched after the last `response ready` that make a mute gateway, not one prompt in flight. */
export const MUTE_RUN = 2;

// Why: the command queue runs one prompt at a time, so one dispatch without a response is just in flight at
// capture; a second one behind it means a response never came. The layer and the black-hole scenarios agree.
export const muteRun = (f: StdoutFlow | null): StdoutFlow['unanswered'] =>
  f?.unanswered && f.unanswered.count >= MUTE_RUN ? f.unanswered : null;

// Why: the timeline and scenarios need the same restarts, fallback spans and flow as this layer; parse once.
export function stdoutFlow(ctx: ReplayContext): StdoutFlow | null {
  return ctx.memo('stdout-flow', () => {
    const records = ctx.records(LOG);
    if (!records) return null; // not collected: the layer says why
    // why: gateway.err's activations are the catalog's model-fallback matches there, found in the one scan of it
    return parseFlow(records, matchedLines(ctx, ERR, modelFallback.id));
  });
}
