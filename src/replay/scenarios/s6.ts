import type { Scenario } from '../types.js';
import { fired, hitEvidence, hitsOf, otelEvidence, otelOf } from './evidence.js';

// SKILL scenario 6: a message is dropped as a duplicate. Store and queue dedup hash the normalized body
// (channel preamble stripped, facts §8.6), so false drops should be rare; when they happen the OTEL metadata
// keys say whether normalization is wrong (search output has the keys, not the values: facts §5).

const s6: Scenario = {
  id: '6',
  title: 'False duplicate suppression',
  cause: 'Store-level or queue-level dedup suppressed an inbound message as a duplicate; when the user says it was ignored, the dedup normalization (channel preamble stripping) may hash the wrong text.',
  fix: [
    'Inspect the OTEL metadata of `queue.dedup_dropped` / `message.dedup_dropped` (dedupHashPrefix, strippedInjectedContext, promptLength, normalizedLength) in the OTEL store itself: search output only lists the keys.',
    'If normalized lengths differ materially from the user payload, fix the normalization; keep dedup enabled and tune normalization plus telemetry first.',
    'Remove dedup only if telemetry proves systemic false drops and no safe normalization exists.',
  ],
  layer: 'stdout-log',
  match(ctx) {
    const hits = hitsOf(ctx, 'dedup-dropped');
    const otel = otelOf(ctx, 'queue.dedup_dropped', 'message.dedup_dropped', 'queue.consecutive_dedup_dropped');
    return fired([...hitEvidence(hits, 2), ...otelEvidence(otel, 2)]);
  },
};

export default s6;
