import { A } from '../../../src/bundle/artifacts.js';
import type { ArtifactInput } from '../../helpers/bundle-from.js';

// `joelclaw gateway test` and `gateway events` 8 s later, the test event gone (collected with --e2e): the
// "e2e passes" of the owner's incidents, added to a machine's artifacts.

const pushed = { id: 'e2e-7f3a', type: 'test.gateway-e2e', source: 'cli', payload: { test: true, ts: '2026-11-27T11:59:50.000Z' }, ts: 1795780790000 };

export const E2E_PASSING: Record<string, ArtifactInput> = {
  [A.e2eTest.id]: JSON.stringify({ ok: true, command: 'joelclaw gateway test', result: { pushed, deliveredTo: ['gateway'], note: 'pushed' }, next_actions: [] }, null, 2),
  [A.e2eEvents.id]: JSON.stringify({ ok: true, command: 'joelclaw gateway events', result: { totalCount: 0, sessions: [{ session: 'gateway', count: 0, events: [] }] }, next_actions: [] }, null, 2),
};
