import { A } from '../../bundle/artifacts.js';
import type { Pattern } from '../types.js';

// `[redis] mode read failed — defaulting to active` (channels/redis.ts:259).

const MODE_READ_FAILED = /mode read failed/i;

/** Catalog row `mode-read-failed`: matched against the whole grouped record. */
const modeReadFailed: Pattern = {
  id: 'mode-read-failed',
  label: 'mode-read-failed',
  severity: 'warn',
  artifacts: [A.gatewayErrLog.id],
  meaning: 'The gateway could not read joelclaw:mode and assumed active',
  rootCause: 'Redis command path failing; sleep mode is ignored meanwhile',
  match: (record) => MODE_READ_FAILED.test(record.head),
};

export default modeReadFailed;
