import { statSync } from 'node:fs';
import { homedir, userInfo } from 'node:os';
import { isAbsolute, resolve } from 'node:path';
import { parseRedisUrl } from './collect/redis/url.js';
import type { CollectOptions } from './collect/types.js';
import { UsageError } from './errors.js';

// Turns the CLI's raw strings into typed options, with the contract's defaults in one place. Every error
// names the flag and quotes the value received. The CLI calls this before it loads any collector, so a bad
// flag costs a process start and nothing more: keep this module's imports light (no collector, no client).

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

/**
 * The smallest --max-size a bundle can ever fit in: the manifest of the ~60 fixed artifacts with every content
 * dropped compresses to 6-8 KB (fixtures/bundles), so below 16 KiB no collect could succeed.
 */
export const MIN_MAX_SIZE_BYTES = 16 * 1024;

/** A Kubernetes namespace is a DNS-1123 label. */
const NAMESPACE_RE = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

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
    try {
      parseRedisUrl(flag);
    } catch (e) {
      throw new UsageError((e as Error).message);
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

/** --root must name a directory: a typo would otherwise give a bundle where every file is "missing". */
function rootDir(flag: string): string {
  const root = resolve(flag);
  let isDir = false;
  try {
    isDir = statSync(root).isDirectory();
  } catch {
    throw new UsageError(`--root expects a directory, got "${flag}" (no such directory)`);
  }
  if (!isDir) throw new UsageError(`--root expects a directory, got "${flag}" (not a directory)`);
  return root;
}

/** Every collect flag checked and typed; throws a UsageError naming the first bad flag. */
export function collectOptionsFrom(flags: RawCollectFlags, env: NodeJS.ProcessEnv): CollectOptions {
  const home = flags.home ?? homedir();
  if (!isAbsolute(home)) throw new UsageError(`--home expects an absolute path on the machine, got "${home}"`);
  const maxSizeBytes = parseSize('--max-size', flags.maxSize);
  if (maxSizeBytes < MIN_MAX_SIZE_BYTES) {
    throw new UsageError(`--max-size must be at least ${MIN_MAX_SIZE_BYTES / 1024}KiB (no bundle fits in less), got "${flags.maxSize}"`);
  }
  if (!NAMESPACE_RE.test(flags.namespace)) {
    throw new UsageError(`--namespace expects a Kubernetes namespace (lowercase letters, digits, "-"), got "${flags.namespace}"`);
  }
  const hours = parsePositive('--hours', flags.hours);
  const timeoutMs = Math.round(parsePositive('--timeout', flags.timeout) * 1000);
  const redisUrl = redisUrlFrom(flags.redisUrl, env);
  const { now, sourceDateEpoch } = captureClock(env);
  return {
    root: rootDir(flags.root),
    home,
    hours,
    timeoutMs,
    maxSizeBytes,
    redisUrl,
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
