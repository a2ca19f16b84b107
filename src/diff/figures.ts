import { A } from '../bundle/artifacts.js';
import type { Diagnosis, PatternHit, RestartMarker } from '../replay/types.js';
import { NONE, type ReadingDef, type Side, keysOfBoth, sideOf, unknownWhy } from './readings.js';

// The figures a diff compares: the Redis backlog, the daemon's restarts and heartbeat, error-pattern counts in
// each bundle's window, and the session. All read off the Diagnosis (replay's numbers), never the artifacts.

const STREAM = [A.redisMessagesStream.id, A.redisPing.id];
const SESSION = [A.sessionTranscript.id];
const LAUNCHCTL_PRINT = [A.launchctlPrintGui.id, A.launchctlPrintSystem.id];

function redisFigures(old: Diagnosis, now: Diagnosis): ReadingDef[] {
  const stream = (d: Diagnosis) => d.redis?.stream ?? null;
  const whyStream = (d: Diagnosis) => () => unknownWhy(d, STREAM, 'redis');
  const def = (id: string, label: string, unit: string, read: (d: Diagnosis) => Side): ReadingDef => ({ id, group: 'redis', label, unit, polarity: 'lower', read });
  const queues = keysOfBoth(old, now, (d) => d.redis?.eventQueues ?? [], (q) => q.key);
  return [
    def('redis.unacked', 'unacked messages in joelclaw:gateway:messages', 'count', (d) => sideOf(stream(d)?.unacked, whyStream(d))),
    def('redis.unacked.oldest', 'age of the oldest unacked message', 'min', (d) => {
      const s = stream(d);
      return s && s.unacked === 0 ? { value: NONE } : sideOf(s?.oldestAgeMinutes, whyStream(d));
    }),
    def('redis.unacked.staleOnReplay', 'unacked messages older than 10 min (dropped by the next replay)', 'count', (d) => sideOf(stream(d)?.staleOnReplay, whyStream(d))),
    ...queues.map((key) =>
      def(`redis.queue:${key}`, `pending events in ${key}`, 'count', (d) => {
        // A queue that is not listed while the lists were read is empty.
        const readable = d.redis !== null && !d.collection.absent[A.redisEventLists.id];
        const why = () => unknownWhy(d, [A.redisEventLists.id, A.redisPing.id], 'redis');
        return readable ? { value: d.redis?.eventQueues.find((q) => q.key === key)?.length ?? 0 } : sideOf(null, why);
      }),
    ),
  ];
}

const markerText = (m: RestartMarker): string =>
  `${m.status ?? 'unknown status'} ${m.completedAt ?? m.requestedAt ?? 'at an unknown time'}${m.reason ? ` (${m.reason})` : ''}, pid ${m.previousPid ?? '?'} → ${m.newPid ?? '?'}`;

function daemonFigures(): ReadingDef[] {
  // launchctl ran but neither domain holds the service, or launchctl was not there to ask (off macOS).
  const launchdWhy = (d: Diagnosis) => () =>
    LAUNCHCTL_PRINT.every((id) => d.collection.absent[id]) ? unknownWhy(d, LAUNCHCTL_PRINT, 'process') : 'com.joel.gateway is not registered with launchd';
  const def = (id: string, label: string, unit: string | null, read: (d: Diagnosis) => Side, polarity: 'lower' | null = null): ReadingDef => ({ id, group: 'daemon', label, unit, polarity, read });
  const marker = (id: string, label: string, pick: (d: Diagnosis) => RestartMarker | null, artifact: string) =>
    def(id, label, null, (d) => {
      const m = pick(d);
      // No marker file on the machine: no such restart was recorded (the daemon writes it on restart).
      if (!m && d.collection.missing.includes(artifact)) return { value: NONE };
      return m ? { value: markerText(m) } : sideOf(null, () => unknownWhy(d, [artifact], 'process'));
    });
  return [
    def('launchd.runs', 'launchd runs of com.joel.gateway (starts since it was loaded)', 'count', (d) => sideOf(d.machine.launchd?.runs, launchdWhy(d))),
    def('launchd.lastExitCode', 'launchd last exit code', null, (d) => sideOf(d.machine.launchd?.lastExitCode, launchdWhy(d))),
    def('daemon.pid', 'daemon pid', null, (d) => sideOf(d.machine.daemon.pid, () => unknownWhy(d, [A.ps.id], 'process'))),
    def('daemon.uptime', 'daemon uptime', 's', (d) => sideOf(d.machine.daemon.uptimeSec, () => unknownWhy(d, [A.ps.id], 'process'))),
    marker('restart.lifecycle', 'last restart (lifecycle marker)', (d) => d.machine.restarts.lifecycle, A.lifecycleMarker.id),
    marker('restart.operator', 'last operator restart (gateway restart marker)', (d) => d.machine.restarts.operator, A.operatorRestartMarker.id),
    def('heartbeat.age', 'heartbeat age (tripwire file)', 's', (d) => sideOf(d.machine.heartbeatAgeSec, () => unknownWhy(d, [A.heartbeatFile.id], 'process')), 'lower'),
  ];
}

/** Pattern rows by pattern and log: the same pattern in gateway.err and gateway.log are two figures. */
function patternFigures(old: Diagnosis, now: Diagnosis): ReadingDef[] {
  const keyOf = (h: PatternHit) => `${h.id}@${h.artifact}`;
  const hits = new Map([...old.patterns, ...now.patterns].map((h) => [keyOf(h), h]));
  return keysOfBoth(old, now, (d) => d.patterns, keyOf).map((key) => {
    const hit = hits.get(key) as PatternHit;
    return {
      id: `pattern:${key}`,
      group: 'patterns',
      label: `${hit.label} in ${hit.artifact}`,
      unit: 'count',
      polarity: 'lower',
      read: (d) => {
        const count = d.patterns.find((h) => keyOf(h) === key)?.count;
        if (count !== undefined) return { value: count };
        // Not matched: none in the window, if the log was there to read.
        return d.collection.absent[hit.artifact] ? sideOf(null, () => unknownWhy(d, [hit.artifact], 'error-log')) : { value: 0 };
      },
    };
  });
}

function sessionFigures(): ReadingDef[] {
  const why = (d: Diagnosis) => () => unknownWhy(d, SESSION, 'session');
  const def = (id: string, label: string, unit: string | null, pick: (s: NonNullable<Diagnosis['session']>) => number | string | null, polarity: 'lower' | null = 'lower', order?: readonly string[]): ReadingDef => ({
    id, group: 'session', label, unit, polarity, ...(order ? { order } : {}),
    read: (d) => sideOf(d.session ? pick(d.session) : null, why(d)),
  });
  return [
    def('session.id', 'session id', null, (s) => s.sessionId, null),
    def('session.turns', 'turns in the transcript', 'count', (s) => s.turns, null),
    def('session.unanswered', 'prompts without an answer', 'count', (s) => s.unanswered),
    def('session.errors', 'assistant errors', 'count', (s) => s.errors),
    def('session.toolErrors', 'tool errors', 'count', (s) => s.toolErrors),
    def('session.context', 'context used', '%', (s) => s.usagePercent),
    def('session.pressure', 'context pressure', null, (s) => s.pressure, 'lower', ['ok', 'elevated', 'critical']),
    def('session.hanging', 'turn left hanging (minutes at capture)', 'min', (s) => s.hangingTurn?.ageMinutes ?? NONE),
  ];
}

// Why: every figure both diagnoses can be compared on, in the report's reading order.
export function figureDefs(old: Diagnosis, now: Diagnosis): ReadingDef[] {
  return [...redisFigures(old, now), ...daemonFigures(), ...patternFigures(old, now), ...sessionFigures()];
}
