import type { Scenario } from '../types.js';
import { fired, otelEvidence, otelOf } from './evidence.js';
import { modelDrift } from '../model-facts.js';

// SKILL scenario 2c: pi's session resume keeps session.model, so after a restart the daemon can run the last
// fallback or manual model while joelclaw:gateway:config asks for another. Only drift with the fallback
// inactive counts (an active fallback is scenario 2). Provider prefixes are compared only when both name one.

const s2c: Scenario = {
  id: '2c',
  title: 'Resumed session model drift',
  cause:
    'The resumed pi session kept its previous (fallback or manual) model, overriding the Redis-configured primary on boot; fallback logic and the session-pressure context window are then computed for the wrong model.',
  fix: [
    'Compare `joelclaw:gateway:config` `model` with the live session model (both are in this evidence).',
    'Startup should reconcile the resumed session to the configured primary before fallback control starts; look for `model.reconciled_on_startup` / `model.reconcile_on_startup.failed` in OTEL.',
    'Treat requested-vs-actual drift as a runtime bug: restart once with a fresh session if needed (`/tmp/joelclaw/gateway.force-new-session.json`), then confirm /health status.model matches the config.',
  ],
  layer: 'cli-status',
  match(ctx) {
    const drift = modelDrift(ctx);
    if (!drift) return null;
    return fired([...drift.evidence, ...otelEvidence(otelOf(ctx, 'model.reconciled_on_startup', 'model.reconcile_on_startup.failed'), 1)]);
  },
};

export default s2c;
