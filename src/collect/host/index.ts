import { arch, hostname, platform, release, uptime } from 'node:os';
import { A } from '../../bundle/artifacts.js';
import type { Manifest } from '../../bundle/manifest.js';
import { TOOL_VERSION } from '../../version.js';
import { type CommandResult, runCommand } from '../commands/exec.js';
import { toJson } from '../format.js';
import type { CollectOptions, Collector, StagedArtifact } from '../types.js';

// Facts about the collected machine for the manifest and the host/info artifact: enough to read the bundle
// (which host, which OS, which clock, which tool), plus an allowlist of gateway-related env vars. Never the
// whole env: it is full of tokens. Like every other fact they come from commands on PATH (`hostname`,
// `sw_vers`, `uname`), so a run with --root on another box describes the machine, not the collector; node's
// os module is only the last resort, and host/info says which source each fact came from.
// nodeVersion is the one deliberate exception: it is the collector's runtime (it explains the bundle's bytes).

/** Exact env names worth bundling, and prefixes (the gateway's own tunables, facts §8.3). */
export const ENV_ALLOWLIST: readonly string[] = ['REDIS_HOST', 'REDIS_PORT', 'PI_GATEWAY_WS_PORT'];
export const ENV_ALLOWED_PREFIXES: readonly string[] = ['JOELCLAW_GATEWAY_'];

const OS_NAMES: Record<string, string> = { darwin: 'macOS', linux: 'Linux', win32: 'Windows', freebsd: 'FreeBSD' };

/** Where one machine fact was read. */
export type HostFactSource = 'hostname' | 'sw_vers' | 'uname' | 'node:os';

/** The machine's identity as read from its commands, with the source of each fact. */
export interface MachineFacts {
  hostname: string;
  platform: string;
  os: string;
  osVersion: string;
  arch: string;
  /** `uname -sr` output when uname answered (kernel name and release). */
  kernel: string | null;
  sources: { hostname: HostFactSource; os: HostFactSource; arch: HostFactSource };
}

// why: the manifest is built after the collectors ran, from the same options object; the host collector
// leaves its probe here so the manifest's host block and host/info agree without probing twice.
const probed = new WeakMap<CollectOptions, MachineFacts>();

/** The collecting host's own view, used only when the machine's commands did not answer. */
function fromNodeOs(): MachineFacts {
  const p = platform();
  const src = 'node:os' as const;
  return { hostname: hostname(), platform: p, os: OS_NAMES[p] ?? p, osVersion: release(), arch: arch(), kernel: null, sources: { hostname: src, os: src, arch: src } };
}

/** One trimmed line of a command that ran and exited 0, else null. */
const answer = (r: CommandResult): string | null => {
  const line = r.found && r.exitCode === 0 && !r.timedOut ? (r.stdout.trim().split('\n')[0] ?? '').trim() : '';
  return line === '' ? null : line;
};

/** Ask the machine: `hostname`, `sw_vers -productName/-productVersion`, `uname -sr` and `uname -m`. */
export async function probeMachine(options: CollectOptions, signal?: AbortSignal): Promise<MachineFacts> {
  const run = async (argv: string[]) => answer(await runCommand(argv, { timeoutMs: options.timeoutMs, env: options.env, signal, maxBytes: 4096 }));
  const [name, productName, productVersion, unameSr, unameM] = await Promise.all([
    run(['hostname']),
    run(['sw_vers', '-productName']),
    run(['sw_vers', '-productVersion']),
    run(['uname', '-sr']),
    run(['uname', '-m']),
  ]);
  const facts = fromNodeOs();
  const [sysname = '', ...rel] = (unameSr ?? '').split(/\s+/);
  if (name) Object.assign(facts, { hostname: name, sources: { ...facts.sources, hostname: 'hostname' } });
  if (productName && productVersion) {
    Object.assign(facts, { platform: 'darwin', os: productName, osVersion: productVersion });
    facts.sources.os = 'sw_vers';
  } else if (sysname) {
    const p = sysname.toLowerCase();
    Object.assign(facts, { platform: p, os: OS_NAMES[p] ?? sysname, osVersion: rel.join(' ') });
    facts.sources.os = 'uname';
  }
  if (unameM) Object.assign(facts, { arch: unameM, sources: { ...facts.sources, arch: 'uname' } });
  return { ...facts, kernel: unameSr };
}

/** The manifest's `host` block: the host collector's probe of this run, else node's view of this host. */
export function hostFacts(options: CollectOptions): Manifest['host'] {
  const m = probed.get(options) ?? fromNodeOs();
  return {
    hostname: m.hostname,
    platform: m.platform,
    os: m.os,
    osVersion: m.osVersion,
    arch: m.arch,
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

/** The host/info document (2-space JSON, stable key order); without a probe, node's view of this host. */
export function hostInfo(options: CollectOptions, machine: MachineFacts = probed.get(options) ?? fromNodeOs()): StagedArtifact {
  const uptimeSec = hostUptimeSec(options);
  const { hostname: name, platform: p, os, osVersion, arch: cpu } = machine;
  const doc = {
    hostname: name,
    platform: p,
    os,
    osVersion,
    arch: cpu,
    uid: Number.isInteger(options.uid) ? options.uid : null,
    nodeVersion: process.version,
    kernel: machine.kernel,
    sources: { ...machine.sources, nodeVersion: 'collector runtime' },
    timeZone: captureTimeZone(),
    ...(uptimeSec === null ? {} : { uptimeSec }),
    toolVersion: TOOL_VERSION,
    env: allowedEnv(options.env),
  };
  const content = toJson(doc);
  return { id: A.hostInfo.id, status: 'ok', source: {}, content, bytesAtSource: Buffer.byteLength(content), truncations: [] };
}

/** The host collector: probes the machine once per run and remembers it for the manifest. */
export const hostCollector: Collector = {
  id: 'host',
  title: 'host',
  ids: [A.hostInfo.id],
  collect: async (ctx) => {
    const machine = await probeMachine(ctx.options, ctx.signal);
    probed.set(ctx.options, machine);
    return [hostInfo(ctx.options, machine)];
  },
};
