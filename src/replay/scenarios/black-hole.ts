import { A } from '../../bundle/artifacts.js';
import { parseSession } from '../parse/session.js';
import type { Scenario } from '../types.js';
import { ackedEvidence, muteEvidence, overflowEvidence } from './context-overflow-black-hole.js';
import { fired, scenarioHits } from './evidence.js';

// Ours, the owner's word for it: prompts go in, nothing comes out, and no error log says why. The context
// overflow of 2026-02-25 (ADR-0141) was one; rate limits and overloads that pi resolves on message_end were
// another (joelclaw 632cedf5); a model that never streams a token before the fallback existed (ADR-0091,
// 2026-02-21) a third. When the overflow is visible, context-overflow-black-hole names it instead.

const blackHole: Scenario = {
  id: 'black-hole',
  title: 'Black hole: prompts dispatched, no response, no error',
  cause: 'The gateway takes messages in and dispatches them to the model, but no response comes back and neither gateway.err nor the queue records a failure: the error (if any) was resolved on message_end, or the model never answered. Status, e2e and the error log all look fine while nobody gets a reply.',
  fix: [
    "Read what the model said back: the last assistant entries of the session transcript (stopReason error or aborted, errorMessage: rate limit 429, overloaded 529, prompt is too long); pi resolves those instead of throwing, so the queue never sees them.",
    'Check the model API from the machine (`gwbundle collect --probe-model-api`, or layer 7 of the procedure) and /health `components.session` and `fallback`.',
    'Restart once (`joelclaw gateway restart`) and send a real message: a `[gateway] response ready` in /tmp/joelclaw/gateway.log is the proof, not `joelclaw gateway test`, which drains whether or not anyone answers.',
  ],
  layer: 'stdout-log',
  match(ctx) {
    const mute = muteEvidence(ctx);
    if (!mute) return null;
    if (overflowEvidence(ctx).length > 0) return null; // context-overflow-black-hole names the cause
    // A failure the error log does name (auth, timeouts, already processing, a dead session) has its own scenario.
    if (scenarioHits(ctx).some((h) => h.artifact === A.gatewayErrLog.id && h.severity === 'error')) return null;
    const lastError = parseSession(ctx)?.errors.filter((e) => e.kind === 'assistant').at(-1);
    return fired([
      mute,
      lastError ? { artifact: A.sessionTranscript.id, line: lastError.line, excerpt: `last model error: ${lastError.text.slice(0, 180)}` } : null,
      ackedEvidence(ctx),
    ]);
  },
};

export default blackHole;
