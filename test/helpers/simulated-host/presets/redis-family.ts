import { eventObject, podObject } from '../../fake-k8s.js';
import { bunErrorValue } from '../formats/bun.js';
import { healthResponse } from '../formats/health.js';
import { otelEvent } from '../formats/otel.js';
import { type K8sStateSpec, minutesBefore } from '../spec.js';
import type { HostDraft } from './draft.js';
import { DAEMON_PID, DAEMON_UPTIME_SEC, healthyDraft } from './healthy.js';
import { econnrefused, otelEmitFailed, redisClientError, redisDisconnected, redisReconnectScheduled, redisRetriesExhausted, redisStarted, unhandledRejection } from './records.js';

// SKILL scenarios 0, 4 and 4a: the substrate under Redis is down, Redis alone is away (redis_degraded), or
// Redis came back after a reconnect storm that flooded gateway.err.

const DEGRADED_CAPABILITIES = ['redis_event_bridge', 'message_replay', 'redis_operational_commands'].map((key) => ({
  key,
  reason: 'reconnect_scheduled',
}));

/** E redis.ts:150: the command client's connection refusal. */
const redisCommandError = () => redisClientError('command', econnrefused());

const degradedHealth = () =>
  healthResponse({ pid: DAEMON_PID, uptimeMs: DAEMON_UPTIME_SEC * 1000, mode: 'redis_degraded', degradedCapabilities: DEGRADED_CAPABILITIES });

/** SKILL 4: Redis refuses, the daemon stays available in redis_degraded mode; redis-0 restarted twice. */
export function s4RedisDegraded(): HostDraft {
  const d = healthyDraft();
  d.redis = 'refused';
  d.health = degradedHealth();
  d.gatewayErr = [redisCommandError(), redisDisconnected('command client'), redisCommandError()];
  d.gatewayLog.push(redisReconnectScheduled(20_000, 3));
  const k8s = d.k8s as K8sStateSpec;
  k8s.pods[0] = podObject('redis-0', d.namespace, 'Running', { ready: true, restartCount: 2 });
  k8s.events.push(
    eventObject('redis-0.restart', d.namespace, { reason: 'Killing', message: 'Stopping container redis', lastTimestamp: minutesBefore(15), type: 'Normal' }),
    eventObject('redis-0.backoff', d.namespace, { reason: 'BackOff', message: 'Back-off restarting failed container redis in pod redis-0', lastTimestamp: minutesBefore(14), count: 2 }),
  );
  k8s.logs['redis-0.previous'] = '1:signal-handler (1795779900) Received SIGTERM scheduling shutdown...\n1:M 27 Nov 2026 11:45:00.120 # Redis is now ready to exit, bye bye...\n';
  d.otelEvents.push(
    otelEvent({ component: 'redis-channel', action: 'runtime.mode.changed', minutesAgo: 15, level: 'warn', metadataKeys: ['from', 'to', 'reason', 'reconnectAttempts'] }),
    otelEvent({ component: 'redis-channel', action: 'redis.command.error', minutesAgo: 14, success: false, error: 'connect ECONNREFUSED 127.0.0.1:6379' }),
  );
  return d;
}

/** SKILL 0: Colima stopped, so the cluster, Redis and OTEL search are all down; the daemon is degraded. */
export function s0Substrate(): HostDraft {
  const d = s4RedisDegraded();
  d.colimaRunning = false;
  d.k8s = 'unreachable';
  d.extraCommands.joelclaw = { 'otel search *': otelUnreachable() };
  return d;
}

const otelUnreachable = () => ({
  stdout: `${JSON.stringify({ ok: false, command: 'joelclaw otel search', result: null, error: { message: 'connect ECONNREFUSED 127.0.0.1:8123', code: 'OTEL_SEARCH_FAILED' }, fix: 'Check that ClickHouse is reachable', next_actions: [] }, null, 2)}\n`,
  exitCode: 0,
});

/** SKILL 4a: 30+ retry-exhausted records, unhandled rejections and OTEL emit timeouts; Redis is back now. */
export function s4aRetryStorm(): HostDraft {
  const d = healthyDraft();
  const maxRetries = 'Reached the max retries per request limit (which is 20). Refer to "maxRetriesPerRequest" option for details.';
  const storm: string[] = [];
  for (let i = 0; i < 32; i++) {
    storm.push(redisRetriesExhausted(3 + (i % 5), maxRetries));
    if (i % 4 === 0) {
      storm.push(
        unhandledRejection(bunErrorValue(maxRetries, { thrower: 'ioredis-max-retries' })),
        otelEmitFailed('heartbeat', 'heartbeat.tick', 'TimeoutError: The operation timed out.'),
      );
    }
  }
  d.gatewayErr = storm;
  d.gatewayLog.push(redisStarted());
  d.otelEvents.push(
    ...[30, 22, 12].map((m) => otelEvent({ component: 'daemon', action: 'daemon.redis.max_retries_rejection', minutesAgo: m, level: 'error', success: false, metadataKeys: ['suppressedInWindow'] })),
    otelEvent({ component: 'daemon', action: 'daemon.unhandled_rejection', minutesAgo: 29, level: 'error', success: false, error: 'MaxRetriesPerRequestError' }),
    otelEvent({ component: 'redis-channel', action: 'mode.read.failed', minutesAgo: 28, level: 'warn', success: false }),
  );
  return d;
}
