import { A } from '../../bundle/artifacts.js';
import { gatewayStatus } from '../gateway-status.js';
import { processFacts } from '../process-facts.js';
import { redisReachable } from '../redis-summary.js';
import type { Evidence, Scenario } from '../types.js';
import { fired, otelEvidence, otelOf } from './evidence.js';

// SKILL scenario 4: the daemon reports mode redis_degraded (its Redis clients are not both ready), or the
// collector itself could not reach Redis while the gateway process is alive. Conversation can still work;
// Redis-dependent paths (event bridge, replay, e2e) are what is degraded (facts §8.2).

const s4: Scenario = {
  id: '4',
  title: 'Redis disconnection / redis_degraded mode',
  cause: 'Redis went away under a live daemon (redis-0 restart, port-forward drop, localhost wiring drift or reconnect churn), so the Redis bridge is degraded while the process stays up.',
  fix: [
    'Treat daemon availability and Redis health separately: keep using direct channel interaction if the process and session layers are healthy.',
    'Check `kubectl get pods -n joelclaw redis-0`, the localhost:6379 listener (`lsof -iTCP:6379`), and OTEL `redis-channel` `runtime.mode.changed` / reconnect signals.',
    'Confirm the daemon returns to mode `normal` by itself once Redis is back (reconnect backoff is 5 s doubling up to 60 s); no daemon restart is needed.',
  ],
  layer: 'cli-status',
  match(ctx) {
    const status = gatewayStatus(ctx);
    const degraded = status?.sources.health === 'ok' && status.mode === 'redis_degraded';
    const unreachable = redisReachable(ctx) === false && processFacts(ctx).alive === true;
    if (!degraded && !unreachable) return null;
    const out: Evidence[] = [];
    if (degraded) {
      const caps = status.degradedCapabilities.map((c) => c.key).join(', ');
      out.push({ artifact: A.health.id, excerpt: `mode redis_degraded (${status.reason})${caps ? `; degraded: ${caps}` : ''}` });
    }
    if (unreachable) {
      const e = ctx.entry(A.redisPing.id);
      out.push({ artifact: A.redisPing.id, excerpt: `collector could not reach Redis: ${e?.reason ?? e?.status ?? 'unreachable'}` });
      const pid = processFacts(ctx).daemonRow;
      if (pid) out.push({ artifact: A.ps.id, line: pid.line, excerpt: `gateway pid ${pid.pid} alive` });
    }
    return fired([...out, ...otelEvidence(otelOf(ctx, 'runtime.mode.changed'), 1)]);
  },
};

export default s4;
