import { A } from '../../bundle/artifacts.js';
import type { ReplayContext } from '../context.js';
import { stdoutFlow } from '../stdout-flow.js';
import { parseSession } from '../parse/session.js';
import type { Evidence, Scenario } from '../types.js';
import { fired, hitEvidence, hitsOf, otelEvidence, otelOf } from './evidence.js';

// SKILL scenario 5: auto-compaction starts right after a turn_end, the session streams again, and the next
// queued prompt hits "Agent is already processing". Logs have no timestamps (facts §1.1), so the order comes
// from the transcript: the newest compaction follows a completed turn and no prompt completed after it; or an
// OTEL prompt failure lands within minutes after a compaction entry.

/** How soon after a compaction a prompt failure counts as racing it. */
const RACE_WINDOW_MS = 5 * 60_000;
const BUSY = /already processing/i;

// Why: shared with scenario 1, which stands down when this explains the busy session better.
export function compactionRace(ctx: ReplayContext): Evidence[] | null {
  const s = parseSession(ctx);
  const last = s?.compactions.at(-1);
  if (!s || !last) return null;
  const done = s.turns.filter((t) => t.completion !== null);
  const before = done.filter((t) => t.completion!.ms <= Date.parse(last.at)).at(-1);
  const after = done.some((t) => t.completion!.ms > Date.parse(last.at));
  const at: Evidence = { artifact: A.sessionTranscript.id, line: last.line, excerpt: `compaction at ${last.at}` };
  if (before && !after) return [{ artifact: A.sessionTranscript.id, line: before.completion!.line, excerpt: `turn completed at ${before.completion!.at}` }, at];
  const racing = otelOf(ctx, 'queue.prompt.failed').filter((e) => (e.error === null || BUSY.test(e.error)) && s.compactions.some((c) => e.ms >= Date.parse(c.at) && e.ms - Date.parse(c.at) <= RACE_WINDOW_MS));
  return racing.length > 0 ? [at, ...otelEvidence(racing, 2)] : null;
}

const s5: Scenario = {
  id: '5',
  title: 'Compaction during message delivery',
  cause: 'Auto-compaction started after turn_end, the session entered streaming again, and the drain loop dispatched the next message before compaction finished.',
  fix: [
    'The idle waiter should block until compaction finishes (it extends in 60 s steps up to 15 min during maintenance); check for `idle waiter extended for active maintenance` in gateway.err.',
    'If prompts still fail with "already processing" right after a compaction, this is a pi SDK gap: report it with this bundle, and resend the lost message.',
  ],
  layer: 'error-log',
  match(ctx) {
    const busy = hitsOf(ctx, 'session-busy');
    if (busy.length === 0) return null;
    const deadShutdown = (stdoutFlow(ctx)?.restarts ?? []).some((r) => r.signal === 'watchdog:dead-session');
    if (hitsOf(ctx, 'watchdog-dead').length > 0 || deadShutdown) return null; // the watchdog fired: scenario 1
    const race = compactionRace(ctx);
    return race ? fired([...race, ...hitEvidence(busy)]) : null;
  },
};

export default s5;
