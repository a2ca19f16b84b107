import type { ReplayContext } from '../context.js';
import { type OtelEvent, otelEvents, otelResults } from '../parse/otel.js';
import type { Evidence, Finding, Layer, LayerResult, LayerStatus } from '../types.js';

// Layer 6 of the hand procedure: the `joelclaw otel search` queries, read from the bundle. Telemetry that
// could not be searched (ClickHouse down) says nothing about the gateway, so it makes the layer unknown, never
// failed. Event names and emitting components: joelclaw-gateway-facts §5.

const id = 'otel' as const;
const seedLayer = 6;
const title = 'OTEL telemetry';
const HOUR_MS = 3_600_000;

type Effect = 'failed' | 'degraded' | null;

/** One kind of event worth a finding; `effect` is what it does to the layer's status. */
interface Signal {
  messageId: string;
  match(e: OtelEvent): boolean;
  severity: 'error' | 'warn' | 'info';
  effect: Effect;
  label: string;
}

const action = (...names: string[]) => (e: OtelEvent) => names.includes(e.action);
const prefix = (p: string) => (e: OtelEvent) => e.action.startsWith(p);

/** The catalog, most severe first; an event can match several rows. */
const SIGNALS: readonly Signal[] = [
  { messageId: 'otelFatal', match: (e) => e.level === 'fatal', severity: 'error', effect: 'failed', label: 'fatal-level event(s)' },
  { messageId: 'otelSessionDead', match: action('watchdog.session_dead'), severity: 'error', effect: 'failed', label: 'watchdog.session_dead (dead session, self-restart)' },
  { messageId: 'otelErrorLevel', match: (e) => e.level === 'error', severity: 'warn', effect: 'degraded', label: 'error-level event(s)' },
  { messageId: 'otelFallbackSwapped', match: action('model_fallback.swapped'), severity: 'warn', effect: 'degraded', label: 'model_fallback.swapped (on the fallback model)' },
  { messageId: 'otelDedupDropped', match: action('queue.dedup_dropped', 'message.dedup_dropped', 'queue.consecutive_dedup_dropped'), severity: 'warn', effect: 'degraded', label: 'dedup drop(s) (messages suppressed as duplicates)' },
  { messageId: 'otelConsoleForwardSuppressed', match: action('outbound.console_forward.suppressed_policy'), severity: 'warn', effect: 'degraded', label: 'outbound.console_forward.suppressed_policy (background replies not forwarded)' },
  { messageId: 'otelSessionStuck', match: prefix('watchdog.session_stuck'), severity: 'warn', effect: null, label: 'watchdog.session_stuck* event(s)' },
  { messageId: 'otelIdleWaiterTimeout', match: action('watchdog.idle_waiter.timeout'), severity: 'warn', effect: null, label: 'watchdog.idle_waiter.timeout (turn_end never came)' },
  { messageId: 'otelPromptFailed', match: action('queue.prompt.failed'), severity: 'warn', effect: null, label: 'queue.prompt.failed' },
  { messageId: 'otelProbeFailed', match: action('model_fallback.probe_failed'), severity: 'warn', effect: null, label: 'model_fallback.probe_failed (primary still failing)' },
  { messageId: 'otelModelNotFound', match: action('fallback.model_not_found'), severity: 'warn', effect: null, label: 'fallback.model_not_found (embedded pi lacks the model)' },
  { messageId: 'otelPrimaryRestored', match: action('model_fallback.primary_restored'), severity: 'info', effect: null, label: 'model_fallback.primary_restored' },
  { messageId: 'otelRedisMaxRetries', match: action('daemon.redis.max_retries_rejection'), severity: 'warn', effect: null, label: 'daemon.redis.max_retries_rejection (Redis retry storm)' },
  { messageId: 'otelModeReadWriteFailed', match: action('mode.read.failed', 'mode.write.failed'), severity: 'warn', effect: null, label: 'mode.read.failed / mode.write.failed' },
  { messageId: 'otelModeChanged', match: action('runtime.mode.changed'), severity: 'info', effect: null, label: 'runtime.mode.changed (Redis bridge mode flips)' },
  { messageId: 'otelTelegramStartFailed', match: action('telegram.channel.start_failed', 'telegram.channel.retry_scheduled'), severity: 'warn', effect: null, label: 'telegram.channel start_failed / retry_scheduled' },
  { messageId: 'otelTelegramPollOwner', match: prefix('telegram.channel.poll_owner'), severity: 'info', effect: null, label: 'telegram.channel.poll_owner.* event(s)' },
  { messageId: 'otelRestarts', match: action('daemon.started', 'daemon.shutdown.started'), severity: 'info', effect: null, label: 'daemon start/shutdown event(s)' },
  { messageId: 'otelBackgroundResponses', match: action('response.generated.background_source'), severity: 'info', effect: null, label: 'response.generated.background_source' },
];

const cite = (evs: readonly OtelEvent[]): Evidence[] =>
  evs.slice(-5).map((e) => (e.line === undefined ? { artifact: e.artifact } : { artifact: e.artifact, line: e.line }));

const count = (evs: readonly OtelEvent[], name: string) => evs.filter((e) => e.action === name).length;

function describe(s: Signal, hits: readonly OtelEvent[], all: readonly OtelEvent[]): string {
  const last = hits[hits.length - 1]!;
  const lastText = `last ${last.component}/${last.action} at ${last.ts}${last.error ? `: ${last.error.slice(0, 160)}` : ''}`;
  if (s.messageId === 'otelRestarts') {
    return `${count(hits, 'daemon.started')} daemon.started, ${count(hits, 'daemon.shutdown.started')} daemon.shutdown.started (${lastText})`;
  }
  if (s.messageId === 'otelConsoleForwardSuppressed') {
    return `${hits.length} ${s.label} vs ${count(all, 'outbound.console_forward.sent')} .sent and ${count(all, 'response.generated.background_source')} background responses (${lastText})`;
  }
  return `${hits.length} ${s.label} (${lastText})`;
}

function run(ctx: ReplayContext): LayerResult {
  const base = { id, seedLayer, title };
  const results = otelResults(ctx);
  const ok = results.filter((r) => r.status === 'ok');
  if (ok.length === 0) {
    // A failing search beats "not collected" as the reason: it says why telemetry is blind.
    const why = results.find((r) => r.status === 'failed') ?? results[0];
    const reason = why?.reason ?? 'no OTEL search artifacts in this bundle';
    return { ...base, status: 'unknown', reason, detail: reason, findings: [] };
  }
  const events = otelEvents(ctx);
  const windowStart = ctx.now.getTime() - ctx.view.manifest.options.hours * HOUR_MS;
  const findings: Finding[] = [];
  let status: LayerStatus = 'ok';
  for (const s of SIGNALS) {
    const hits = events.filter(s.match);
    if (hits.length === 0) continue;
    // Only a recent fatal fails the layer; one from the 6-h queries' older hours degrades it, and so does one
    // the daemon already restarted after (the same "stale watchdog, then healthy" reading as the error log).
    const lastHitMs = Math.max(...hits.map((e) => e.ms));
    const restartedAfter = events.some((e) => e.action === 'daemon.started' && e.ms > lastHitMs);
    const stale = !hits.some((e) => e.ms >= windowStart) || restartedAfter;
    const effect: Effect = s.effect === 'failed' && stale ? 'degraded' : s.effect;
    if (effect === 'failed') status = 'failed';
    else if (effect === 'degraded' && status === 'ok') status = 'degraded';
    const note = s.effect === 'failed' && restartedAfter ? '; the daemon restarted after it (daemon.started)' : '';
    findings.push({ messageId: s.messageId, text: describe(s, hits, events) + note, severity: s.severity, evidence: cite(hits) });
  }
  const failedQueries = results.filter((r) => r.status === 'failed');
  if (failedQueries.length > 0) {
    const text = `${failedQueries.length} of ${results.length} OTEL queries failed (${failedQueries[0]!.reason})`;
    findings.push({ messageId: 'otelQueryFailed', text, severity: 'info', evidence: failedQueries.map((r) => ({ artifact: r.artifact })) });
  }
  const capped = ok.filter((r) => r.found !== null && r.found > r.events.length);
  if (capped.length > 0) {
    const text = `results were capped: ${capped.map((r) => `"${r.query}" ${r.events.length} of ${r.found}`).join(', ')}`;
    findings.push({ messageId: 'otelResultsCapped', text, severity: 'info', evidence: capped.map((r) => ({ artifact: r.artifact })) });
  }
  const headline = findings.find((f) => f.severity === 'error') ?? findings.find((f) => f.severity === 'warn');
  const unsuccessful = events.filter((e) => e.success === false).length;
  const summary = `${events.length} event${events.length === 1 ? '' : 's'} from ${ok.length} quer${ok.length === 1 ? 'y' : 'ies'}: ${events.filter((e) => e.level === 'error').length} error, ${events.filter((e) => e.level === 'fatal').length} fatal, ${unsuccessful} success=false`;
  return { ...base, status, detail: status === 'ok' || !headline ? summary : headline.text, findings };
}

const layer: Layer = { id, seedLayer, title, run };
export default layer;
