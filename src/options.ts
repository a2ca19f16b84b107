import { homedir, userInfo } from 'node:os';
import { isAbsolute, resolve } from 'node:path';
import type { CollectOptions } from './collect/types.js';
import { UsageError } from './errors.js';

// Turns the CLI's raw strings into typed options, with the contract's defaults in one place. Every error
// names the flag and quotes the value received.

export const DEFAULTS = {
  hours: 1,
  maxSize: '25MB', // GitHub's attachment limit
  timeoutSec: 10,
  namespace: 'joelclaw',
  redisUrl: 'redis://localhost:6379',
} as const;

const UNITS: Record<string, number> = {
  '': 1,
  b: 1,
  kb: 1e3,
  mb: 1e6,
  gb: 1e9,
  kib: 1024,
  mib: 1024 ** 2,
  gib: 1024 ** 3,
};

/** `25MB`, `900KB`, `20MiB`, `1048576`: KB/MB are 1000-based, KiB/MiB 1024-based (the contract). */
export function parseSize(flag: string, value: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(value);
  const unit = m?.[2]?.toLowerCase() ?? '';
  const factor = UNITS[unit];
  if (!m || factor === undefined) {
    throw new UsageError(`${flag} expects a size like 25MB, 900KB, 20MiB or a byte count, got "${value}"`);
  }
  const bytes = Math.floor(Number(m[1]) * factor);
  if (bytes < 1) throw new UsageError(`${flag} must be at least 1 byte, got "${value}"`);
  return bytes;
}

/** A positive number of hours or seconds. */
export function parsePositive(flag: string, value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n <= 0) {
    throw new UsageError(`${flag} expects a positive number, got "${value}"`);
  }
  return n;
}

/** The Redis URL from the flag, else REDIS_HOST/REDIS_PORT like the gateway, else localhost:6379. */
export function redisUrlFrom(flag: string | undefined, env: NodeJS.ProcessEnv): string {
  if (flag) {
    if (!/^(rediss?|unix):\/\//.test(flag)) {
      throw new UsageError(`--redis-url expects redis://host:port, rediss://... or unix:///path, got "${flag}"`);
    }
    return flag;
  }
  if (env.REDIS_HOST || env.REDIS_PORT) return `redis://${env.REDIS_HOST ?? 'localhost'}:${env.REDIS_PORT ?? '6379'}`;
  return DEFAULTS.redisUrl;
}

/**
 * The capture clock: SOURCE_DATE_EPOCH (seconds) when set, for reproducible bundles, else the wall clock.
 * This is the only place collect reads the clock.
 */
export function captureClock(env: NodeJS.ProcessEnv): { now: Date; sourceDateEpoch: boolean } {
  const sde = env.SOURCE_DATE_EPOCH;
  if (sde === undefined || sde === '') return { now: new Date(), sourceDateEpoch: false };
  if (!/^\d+$/.test(sde)) throw new UsageError(`SOURCE_DATE_EPOCH must be whole seconds since 1970, got "${sde}"`);
  return { now: new Date(Number(sde) * 1000), sourceDateEpoch: true };
}

export interface RawCollectFlags {
  hours: string;
  maxSize: string;
  timeout: string;
  root: string;
  home?: string;
  redisUrl?: string;
  kubeconfig?: string;
  namespace: string;
  redact: boolean;
  e2e: boolean;
  probeModelApi: boolean;
}

export function collectOptionsFrom(flags: RawCollectFlags, env: NodeJS.ProcessEnv): CollectOptions {
  const root = resolve(flags.root);
  const home = flags.home ?? homedir();
  if (!isAbsolute(home)) throw new UsageError(`--home expects an absolute path on the machine, got "${home}"`);
  const { now, sourceDateEpoch } = captureClock(env);
  return {
    root,
    home,
    hours: parsePositive('--hours', flags.hours),
    timeoutMs: Math.round(parsePositive('--timeout', flags.timeout) * 1000),
    maxSizeBytes: parseSize('--max-size', flags.maxSize),
    redisUrl: redisUrlFrom(flags.redisUrl, env),
    kubeconfig: flags.kubeconfig ? resolve(flags.kubeconfig) : null,
    namespace: flags.namespace,
    e2e: flags.e2e,
    probeModelApi: flags.probeModelApi,
    redact: flags.redact,
    now,
    sourceDateEpoch,
    env,
    uid: typeof process.getuid === 'function' ? process.getuid() : userInfo().uid,
  };
}
