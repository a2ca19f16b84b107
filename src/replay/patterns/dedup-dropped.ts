import { A } from '../../bundle/artifacts.js';
import type { Pattern } from '../types.js';

// `[command-queue] dropped consecutive duplicate {…}` (2 min ring) and `[gateway:store] dropped duplicate inbound
// message` (30 s window) are console.log lines, so they live in gateway.log (facts §1.1, §6).

const DROPPED_DUPLICATE = /dropped consecutive duplicate|dropped duplicate inbound message/i;

/** Catalog row `dedup-dropped`: matched against the whole grouped record. */
const dedupDropped: Pattern = {
  id: 'dedup-dropped',
  label: 'dedup-dropped',
  severity: 'warn',
  artifacts: [A.gatewayLog.id],
  meaning: 'An inbound prompt was suppressed as a duplicate before model dispatch',
  rootCause: 'Dedup collision, often from hashing the channel preamble instead of the message body',
  match: (record) => DROPPED_DUPLICATE.test(record.head),
};

export default dedupDropped;
