import type { Redis } from 'ioredis';
import type { StagedArtifact } from '../types.js';

// The Redis collector is a list of read-only steps, one per artifact, so the runner in redis.ts can record
// which ones finished before a deadline and mark only the rest as timed out.

/** What every step needs besides the connection: the capture clock, the window and the SDE switch. */
export interface RedisStepEnv {
  nowMs: number;
  hours: number;
  sourceDateEpoch: boolean;
}

/** One artifact's worth of Redis reads. */
export interface RedisStep {
  id: string;
  source: StagedArtifact['source'];
  read(redis: Redis, env: RedisStepEnv): Promise<Omit<StagedArtifact, 'id' | 'source'>>;
}

/** A flat RESP reply `[k1, v1, k2, v2]` as an object (XINFO, XPENDING rows), keys kept in reply order. */
export function pairsToObject(flat: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (!Array.isArray(flat)) return out;
  for (let i = 0; i + 1 < flat.length; i += 2) out[String(flat[i])] = flat[i + 1];
  return out;
}

/** A string parsed as JSON when it parses, else the string itself (event items, health values). */
export function parseMaybeJson(raw: string): unknown {
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return raw;
  }
}

