import { A } from '../../bundle/artifacts.js';
import { parseSession } from '../parse/session.js';
import type { Scenario } from '../types.js';
import { fired, hitEvidence, hitsOf, otelEvidence, otelOf } from './evidence.js';
import { configuredFallback, fallbackFacts, sameModel } from '../model-facts.js';

// SKILL scenario 2: the primary model gives no token within the timeout (120 s by default) or fails three
// times, and the controller swaps to the fallback. A fallback that already recovered to the primary explains
// nothing at capture time, so it stays quiet. Facts §0.10: the primary is now gpt-5.6-sol, not claude-opus-4-6.

const s2: Scenario = {
  id: '2',
  title: 'Model API timeout (on the fallback model)',
  cause: 'The primary model API was slow or down (no streaming tokens within the fallback timeout, or repeated prompt failures), so the fallback controller swapped to the fallback model.',
  fix: [
    'Nothing to do at once: the fallback (openai-codex/gpt-5.4 by default) activates by itself and a recovery probe tries the primary every 10 min after a 2 min dwell.',
    "If it persists, check the primary's provider status (the primary is `model` in joelclaw:gateway:config, gpt-5.6-sol by default, not claude-opus-4-6 as the old procedure says).",
    'Follow the swaps in OTEL: `joelclaw otel search "model_fallback" --hours 1` (model_fallback.swapped, .probe_failed, .primary_restored).',
  ],
  layer: 'error-log',
  match(ctx) {
    const timeouts = hitsOf(ctx, 'model-timeout');
    const activations = hitsOf(ctx, 'model-fallback');
    const fb = fallbackFacts(ctx);
    const swapped = otelOf(ctx, 'model_fallback.swapped');
    if (fb.active === false) {
      // Recovered (or never swapped): only timeouts with the swap disabled still leave the gateway stuck.
      const disabled = hitsOf(ctx, 'fallback-disabled');
      return timeouts.length > 0 && disabled.length > 0 ? fired([...hitEvidence(timeouts), ...hitEvidence(disabled, 1)]) : null;
    }
    if (fb.active === null && timeouts.length === 0 && activations.length === 0) return null;
    const fallback = configuredFallback(ctx);
    const change = parseSession(ctx)?.modelChanges.filter((m) => m.via === 'model_change' && sameModel(m.model, fallback)).at(-1);
    return fired([
      ...fb.evidence,
      ...hitEvidence(timeouts, 1),
      ...hitEvidence(activations, 1),
      change ? { artifact: A.sessionTranscript.id, line: change.line, excerpt: `model_change to ${change.model} at ${change.at}` } : null,
      ...otelEvidence(swapped, 1),
    ]);
  },
};

export default s2;
