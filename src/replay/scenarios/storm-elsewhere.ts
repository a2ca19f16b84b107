import { CORE_PODS, podLogId } from '../../bundle/artifacts.js';
import type { ReplayContext } from '../context.js';
import type { Evidence, LayerId, Scenario } from '../types.js';
import { layerOf } from './evidence.js';

// Ours, a negative control: a service beside the gateway storms (an Inngest function retrying a step four times
// and sending a receipt each time, 2026-07-19; a cron+debounce retry loop ramping to 54 errors an hour,
// joelclaw 9fab44a1, 2026-07-26) while every layer of the gateway is clean. The gateway delivered what it was
// given; restarting it fixes nothing. The report says so instead of raising an alarm.

/** Error-like lines in one core pod's log tail that make a storm, not a hiccup. */
export const STORM_LINES = 10;
const ERROR_LINE = /\b(error|fatal|panic|failed|retry(ing)?)\b/i;
/** The gateway's own layers: all must be clean for the storm to be someone else's. */
const GATEWAY_LAYERS: readonly LayerId[] = ['process', 'cli-status', 'error-log', 'stdout-log', 'session', 'redis'];

function stormLines(ctx: ReplayContext, pod: string): Evidence[] {
  const id = podLogId(pod);
  const lines = ctx.absence(id) ? [] : (ctx.lines(id) ?? []);
  return lines.flatMap((l, i) => (ERROR_LINE.test(l) ? [{ artifact: id, line: i + 1, excerpt: l.trim().slice(0, 200) }] : []));
}

const stormElsewhere: Scenario = {
  id: 'storm-elsewhere',
  title: 'Errors in another service, the gateway is clean',
  cause: "A service beside the gateway (an Inngest function retrying, a cron loop) is failing over and over in its own log, and its noise can reach Joel through the gateway, but every layer of the gateway itself is clean: it delivered what it was given. This is not a gateway incident.",
  fix: [
    'Look at the service, not the gateway: `kubectl logs -n joelclaw inngest-0 --tail 200` (or the pod named in the evidence) and the failing function\'s runs in Inngest.',
    'Do not restart the gateway for it: nothing in its process, logs, queue or transcript is failing, and a restart only drops in-flight turns.',
    'If the storm reached Joel as repeated messages, stop it at the producer (its retry or idempotency), the way the 2026-07-19 receipt storm and the 2026-07-26 content-sync loop were fixed.',
  ],
  layer: 'substrate',
  match(ctx, layers) {
    const storms = CORE_PODS.map((pod) => stormLines(ctx, pod)).filter((lines) => lines.length >= STORM_LINES);
    if (storms.length === 0) return null;
    // Clean means seen running and nothing failing: a gateway nobody could look at is not innocent, just unseen.
    const status = (id: LayerId) => layerOf(ctx, layers, id)?.status;
    const clean = status('process') === 'ok' && GATEWAY_LAYERS.every((id) => ['ok', 'skipped', 'unknown', undefined].includes(status(id)));
    if (!clean) return null;
    return storms.flatMap((lines) => [{ ...lines[0]!, excerpt: `${lines.length} error-like lines in this log tail, first: ${lines[0]!.excerpt}` }, lines.at(-1)!]);
  },
};

export default stormElsewhere;
