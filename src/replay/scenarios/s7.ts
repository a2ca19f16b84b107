import type { Scenario } from '../types.js';
import { fired, otelEvidence, otelOf } from './evidence.js';

// SKILL scenario 7: the human-gated guard suppresses forwarding of background responses to the console channel
// when attribution is internal + background with no active, captured or recovered source. Signature: policy
// suppressions paired with background-source responses and no `sent` for the same turn (facts §5).

/** A `sent` this close to a suppression belongs to the same turn. */
const SAME_TURN_MS = 60_000;

const s7: Scenario = {
  id: '7',
  title: 'Background console-forward suppression',
  cause: 'The console-forward policy gate suppressed autonomous/background responses (internal attribution, no active, captured or recovered source), so they never reached Telegram while normal replies still work.',
  fix: [
    'Adjust attribution capture and recovery before relaxing the policy.',
    'If legitimate user replies were suppressed, inspect hasActiveSource, hasCapturedSource, recoveredFromRecentPrompt and the recent source age in the `outbound.console_forward.suppressed_policy` metadata.',
  ],
  layer: 'otel',
  match(ctx) {
    const background = otelOf(ctx, 'response.generated.background_source');
    if (background.length === 0) return null;
    const sent = otelOf(ctx, 'outbound.console_forward.sent');
    const unpaired = otelOf(ctx, 'outbound.console_forward.suppressed_policy').filter((s) => !sent.some((x) => Math.abs(x.ms - s.ms) <= SAME_TURN_MS));
    return unpaired.length > 0 ? fired([...otelEvidence(unpaired, 3), ...otelEvidence(background, 1)]) : null;
  },
};

export default s7;
