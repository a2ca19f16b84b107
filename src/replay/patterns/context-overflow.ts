import { A } from '../../bundle/artifacts.js';
import type { Pattern } from '../types.js';

// `command-queue: context overflow detected` and `… compaction insufficient — forcing new session`
// (command-queue.ts:1095-1170).

const CONTEXT_OVERFLOW = /context overflow detected|compaction insufficient/i;

/** Catalog row `context-overflow`: matched against the whole grouped record. */
const contextOverflow: Pattern = {
  id: 'context-overflow',
  label: 'context-overflow',
  severity: 'warn',
  artifacts: [A.gatewayErrLog.id],
  meaning: 'The prompt did not fit the context window',
  rootCause: 'Session pressure: compaction did not keep up; the queue compacts or forces a new session',
  match: (record) => CONTEXT_OVERFLOW.test(record.head),
};

export default contextOverflow;
