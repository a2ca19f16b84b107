import type { Scenario } from '../types.js';
import { fired, hitEvidence, hitsOf } from './evidence.js';

// SKILL scenario 4b: the langfuse-cost pi extension cannot load its optional dependency. Observability only
// (ADR-0146): never a message-path outage, so it is reported as a secondary finding.

const s4b: Scenario = {
  id: '4b',
  title: 'Langfuse optional dependency warning (observability only)',
  cause: "The langfuse package is unavailable to the gateway's pi extension runtime (cache or install drift); tracing is off, message delivery is not affected.",
  fix: [
    'Secondary: check the substrate, model and Redis scenarios first; this warning does not block delivery.',
    'When tracing is needed, clear the pi SDK cache or reinstall the extension dependencies, then reload the extension (restart the gateway).',
  ],
  layer: 'error-log',
  match(ctx) {
    return fired(hitEvidence(hitsOf(ctx, 'langfuse-optional'), 1));
  },
};

export default s4b;
