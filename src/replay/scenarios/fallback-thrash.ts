import { A } from '../../bundle/artifacts.js';
import { parseSession } from '../parse/session.js';
import type { Evidence, Scenario } from '../types.js';
import { countOf, fired, hitEvidence, hitsOf, otelEvidence, otelOf } from './evidence.js';

// Ours: the fallback controller swapping back and forth. On 2026-03-05 the gateway logged 92 fallback
// activations, 83 timeouts and 128 model swaps in 11 hours: 12 h without compaction had bloated the context
// until the primary's first token took longer than the 120 s timeout, each recovery probe restored the primary,
// and the next prompt timed out again (joelclaw 0789d653, 11ea1030; docs/gateway.md "Session lifecycle
// guards"). Scenario 2 says "the fallback will cope"; here the fallback is the symptom of a bloated session.

/** Activations in gateway.err since the running daemon started that make a thrash, not one outage. */
export const THRASH_ACTIVATIONS = 5;
/** Model swaps (setModel) in the transcript window, or swap/restore events in OTEL, that make a thrash. */
export const THRASH_SWAPS = 6;

const fallbackThrash: Scenario = {
  id: 'fallback-thrash',
  title: 'Fallback thrash (swapping back and forth)',
  cause: "The fallback controller keeps swapping: the primary's first token misses the fallback timeout, the session moves to the fallback, the recovery probe restores the primary, and the next prompt times out again. The usual cause is the session, not the provider: a context bloated by hours without compaction makes every first token slow.",
  fix: [
    "Relieve the session first: check context usage and the last compaction (`joelclaw gateway status` sessionPressure, or the transcript's compaction entries); start a fresh session (`/tmp/joelclaw/gateway.force-new-session.json`, then `joelclaw gateway restart`).",
    'Make sure the lifecycle guards run: compaction at 65% or after 4 h, rotation at 75% or 8 h (ADR-0213); a gateway hours past them is thrashing by design.',
    "Only then suspect the provider, and if the primary is genuinely slow raise `fallbackTimeoutMs` in joelclaw:gateway:config (the daemon keeps at least 240 s for claude-opus-4-6).",
  ],
  layer: 'error-log',
  match(ctx) {
    const activations = hitsOf(ctx, 'model-fallback').filter((h) => h.artifact === A.gatewayErrLog.id);
    const session = parseSession(ctx);
    const swaps = (session?.modelChanges ?? []).filter((m) => m.via === 'model_change');
    const otel = otelOf(ctx, 'model_fallback.swapped', 'model_fallback.primary_restored');
    if (countOf(activations) < THRASH_ACTIVATIONS && swaps.length < THRASH_SWAPS && otel.length < THRASH_SWAPS) return null;
    const p = session?.pressure;
    const bloat: Evidence | null =
      p && (p.health === 'critical' || p.health === 'elevated') && session
        ? { artifact: A.sessionTranscript.id, ...(session.usage ? { line: session.usage.line } : {}), excerpt: `session pressure ${p.health}: ${p.reasons.join(', ')}${p.usagePercent === null ? '' : ` (${p.usagePercent}% of ${p.contextWindow})`}` }
        : null;
    return fired([
      ...hitEvidence(activations, 2),
      swaps.length > 0 ? { artifact: A.sessionTranscript.id, line: swaps.at(-1)!.line, excerpt: `${swaps.length} model_change entries in the transcript window, last to ${swaps.at(-1)!.model}` } : null,
      ...otelEvidence(otel, 2),
      bloat,
    ]);
  },
};

export default fallbackThrash;
