import { A } from '../../bundle/artifacts.js';
import type { RedisStep } from './step.js';

// INFO text, https://redis.io/docs/latest/commands/info/. Most INFO fields are counters and clocks
// (uptime_in_seconds, used_memory, total_commands_processed, instantaneous_*), which differ on every call.
// Under SOURCE_DATE_EPOCH the same unchanged machine must give the same bytes, so only settings and states
// that change when someone changes the server are kept (an allowlist, so a new INFO field stays out).
// `os` (the kernel release of the machine Redis runs on, e.g. "Linux 6.8.0-45-generic x86_64") is left out
// too: it names the machine rather than the server's state, replay never reads it, and keeping it made every
// reproducible bundle (and the committed example fixtures) carry the kernel of whatever machine built it.
// Without SOURCE_DATE_EPOCH the whole INFO is kept, `os` included.

const SDE_STABLE_FIELDS = new Set([
  'redis_version',
  'redis_mode',
  'arch_bits',
  'tcp_port',
  'role',
  'connected_slaves',
  'master_link_status',
  'maxmemory',
  'maxmemory_human',
  'maxmemory_policy',
  'cluster_enabled',
  'loading',
  'aof_enabled',
  'aof_rewrite_in_progress',
  'rdb_bgsave_in_progress',
  'rdb_last_bgsave_status',
  'aof_last_bgrewrite_status',
]);

/** INFO with CRLF made LF; under SDE only section headers and allowlisted fields. */
export function filterInfo(raw: string, sourceDateEpoch: boolean): string {
  const lines = raw.split(/\r?\n/);
  const kept = sourceDateEpoch
    ? lines.filter((line) => line.startsWith('#') || SDE_STABLE_FIELDS.has(line.slice(0, line.indexOf(':'))))
    : lines;
  return `${kept.join('\n').trimEnd()}\n`;
}

/** PING: its answer is the evidence that Redis is reachable at all. */
export const pingStep: RedisStep = {
  id: A.redisPing.id,
  source: { argv: ['PING'] },
  read: async (redis) => ({ status: 'ok', content: await redis.ping() }),
};

/** INFO all sections, filtered under SDE. */
export const infoStep: RedisStep = {
  id: A.redisInfo.id,
  source: { argv: ['INFO'] },
  read: async (redis, env) => {
    const raw = await redis.info();
    return {
      status: 'ok',
      content: filterInfo(raw, env.sourceDateEpoch),
      // why: the raw size moves with the counters left out, so under SDE it is left out too
      bytesAtSource: env.sourceDateEpoch ? null : Buffer.byteLength(raw),
      ...(env.sourceDateEpoch ? { facts: { filtered: 'SOURCE_DATE_EPOCH: counters and clocks left out' } } : {}),
    };
  },
};
