import { arch, hostname, platform, release, uptime, version } from 'node:os';
import { A } from '../bundle/artifacts.js';
import type { Manifest } from '../bundle/manifest.js';
import { TOOL_VERSION } from '../version.js';
import type { CollectOptions, Collector, StagedArtifact } from './types.js';

// Facts about the collecting host for the manifest and the host/info artifact: enough to read the bundle
// (which OS, which clock, which tool), plus an allowlist of gateway-related env vars. Never the whole env:
// it is full of tokens. Readings that drift by themselves (uptime) are left out under SOURCE_DATE_EPOCH.

/** Exact env names worth bundling, and prefixes (the gateway's own tunables, facts §8.3). */
export const ENV_ALLOWLIST: readonly string[] = ['REDIS_HOST', 'REDIS_PORT', 'PI_GATEWAY_WS_PORT'];
export const ENV_ALLOWED_PREFIXES: readonly string[] = ['JOELCLAW_GATEWAY_'];

const OS_NAMES: Record<string, string> = { darwin: 'macOS', linux: 'Linux', win32: 'Windows', freebsd: 'FreeBSD' };

/** The manifest's `host` block. */
export function hostFacts(options: CollectOptions): Manifest['host'] {
  const p = platform();
  return {
    hostname: hostname(),
    platform: p,
    os: OS_NAMES[p] ?? p,
    osVersion: release(),
    arch: arch(),
    uid: Number.isInteger(options.uid) ? options.uid : null,
    nodeVersion: process.version,
  };
}

/** The time zone of the capture clock (IANA name), for reading local times in logs. */
export const captureTimeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

/** Host uptime in whole seconds, or null under SOURCE_DATE_EPOCH (it changes by itself). */
export const hostUptimeSec = (options: CollectOptions): number | null => (options.sourceDateEpoch ? null : Math.floor(uptime()));

/** The allowlisted env vars, sorted by name. */
export function allowedEnv(env: NodeJS.ProcessEnv): Record<string, string> {
  const names = Object.keys(env)
    .filter((k) => ENV_ALLOWLIST.includes(k) || ENV_ALLOWED_PREFIXES.some((p) => k.startsWith(p)))
    .sort();
  return Object.fromEntries(names.flatMap((k) => (env[k] === undefined ? [] : [[k, env[k] as string]])));
}

/** The host/info document (2-space JSON, stable key order). */
export function hostInfo(options: CollectOptions): StagedArtifact {
  const facts = hostFacts(options);
  const uptimeSec = hostUptimeSec(options);
  const doc = {
    ...facts,
    kernel: version(),
    timeZone: captureTimeZone(),
    ...(uptimeSec === null ? {} : { uptimeSec }),
    toolVersion: TOOL_VERSION,
    env: allowedEnv(options.env),
  };
  const content = `${JSON.stringify(doc, null, 2)}\n`;
  return { id: A.hostInfo.id, status: 'ok', source: {}, content, bytesAtSource: Buffer.byteLength(content), truncations: [] };
}

/** The host collector. */
export const hostCollector: Collector = {
  id: 'host',
  title: 'host',
  ids: [A.hostInfo.id],
  collect: async (ctx) => [hostInfo(ctx.options)],
};
