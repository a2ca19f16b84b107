import { posix } from 'node:path';
import * as plist from 'plist';
import { A, OTEL_QUERIES, launchdJobId, otelSearchId, podLogId } from '../../../src/bundle/artifacts.js';
import type { BundleView } from '../../../src/bundle/view.js';
import { type ArtifactInput, bundleFrom } from '../../helpers/bundle-from.js';
import { PRESET_DRAFTS, toSpec } from '../../helpers/simulated-host/presets.js';
import type { HostDraft } from '../../helpers/simulated-host/presets/draft.js';
import { type CommandAnswer, PATHS, type SimulatedHostSpec, WS_PORT_PLACEHOLDER } from '../../helpers/simulated-host/spec.js';

// Replay-only stand-in for collect: the artifacts a simulated host's spec would give, in the collector's
// documented shapes (src/collect/redis/ and k8s/ header comments), as an in-memory bundle. Scenario tests use it to
// start from a whole, consistent machine (a preset) and change one part; the real pipeline is tested elsewhere.

const WS_PORT = '3018';
const REFUSED = 'connect ECONNREFUSED 127.0.0.1:6379';
const json = (v: unknown) => `${JSON.stringify(v, null, 2)}\n`;

const command = (a: CommandAnswer | undefined): ArtifactInput | undefined =>
  a === undefined
    ? undefined
    : { content: a.stdout, exitCode: a.exitCode ?? 0, status: (a.exitCode ?? 0) === 0 ? 'ok' : 'error', ...(a.stderr ? { stderr: a.stderr } : {}) };

function files(spec: SimulatedHostSpec): Record<string, ArtifactInput> {
  const out: Record<string, ArtifactInput> = {};
  const put = (id: string, path: string) => {
    const f = spec.files[path];
    if (f) out[id] = { content: f.content.replaceAll(WS_PORT_PLACEHOLDER, WS_PORT), mtime: f.mtime ?? spec.capturedAt, source: { path } };
  };
  put(A.gatewayLog.id, PATHS.gatewayLog);
  put(A.gatewayErrLog.id, PATHS.gatewayErr);
  put(A.pidFile.id, PATHS.pidFile);
  put(A.heartbeatFile.id, PATHS.heartbeat);
  put(A.lifecycleMarker.id, PATHS.lifecycle);
  put(A.operatorRestartMarker.id, PATHS.operatorRestart);
  put(A.forceNewSessionMarker.id, PATHS.forceNewSession);
  put(A.sessionIdFile.id, PATHS.sessionIdFile(spec.home));
  put(A.piSettings.id, PATHS.piSettings(spec.home));
  put(A.piModels.id, PATHS.piModels(spec.home));
  put(A.startScript.id, PATHS.startScript(spec.home));
  put(A.launchAgentPlist.id, PATHS.launchAgentPlist(spec.home));
  put(A.launchDaemonPlist.id, PATHS.launchDaemonPlist);
  put(A.tripwirePlist.id, PATHS.tripwirePlist(spec.home));
  put(A.gatewayPackageJson.id, PATHS.gatewayPackageJson);
  if (spec.wsPortFile) out[A.wsPortFile.id] = { content: `${WS_PORT}\n`, mtime: spec.capturedAt };
  const sessionId = spec.files[PATHS.sessionIdFile(spec.home)]?.content.trim();
  const transcripts = Object.keys(spec.files).filter((p) => p.startsWith(`${PATHS.sessionDir(spec.home)}/`)).sort();
  const live = transcripts.find((p) => sessionId && p.endsWith(`_${sessionId}.jsonl`)) ?? (sessionId ? undefined : transcripts.at(-1));
  if (live) put(A.sessionTranscript.id, live);
  return out;
}

function commands(spec: SimulatedHostSpec): Record<string, ArtifactInput | undefined> {
  const c = spec.commands;
  const joelclaw = c.joelclaw ?? {};
  const out: Record<string, ArtifactInput | undefined> = {
    [A.launchctlDisabledSystem.id]: command(c.launchctl?.['print-disabled system']),
    [A.launchctlDisabledGui.id]: command(c.launchctl?.[`print-disabled gui/${spec.uid}`]),
    [A.launchctlPrintSystem.id]: command(c.launchctl?.['print system/com.joel.gateway']),
    [A.launchctlPrintGui.id]: command(c.launchctl?.[`print gui/${spec.uid}/com.joel.gateway`]),
    [A.launchctlList.id]: command(c.launchctl?.list),
    [A.ps.id]: command(c.ps?.['*']),
    [A.colimaStatus.id]: command(c.colima?.['*']),
    [A.piVersion.id]: command(c.pi?.['*']),
  };
  for (const { query } of OTEL_QUERIES) out[otelSearchId(query)] = command(joelclaw[`otel search ${query}`] ?? joelclaw['otel search *']);
  return out;
}

function cluster(spec: SimulatedHostSpec): Record<string, ArtifactInput> {
  if (spec.k8s === 'unreachable' || spec.k8s === 'hang') {
    const reason = spec.k8s === 'hang' ? 'timed out' : 'cluster unreachable: connect ECONNREFUSED 127.0.0.1:6443';
    const status = spec.k8s === 'hang' ? 'timeout' : 'error';
    return {
      [A.k8sNodes.id]: { status, reason },
      [A.k8sPods.id]: { status, reason },
      [A.k8sEvents.id]: { status, reason },
      [A.kubectlNodes.id]: command(spec.commands.kubectl?.['*get nodes*'])!,
      [A.kubectlPods.id]: command(spec.commands.kubectl?.['*get pods*'])!,
    };
  }
  const list = (items: object[]) => json({ apiVersion: 'v1', kind: 'List', items });
  const out: Record<string, ArtifactInput> = { [A.k8sNodes.id]: list(spec.k8s.nodes), [A.k8sPods.id]: list(spec.k8s.pods), [A.k8sEvents.id]: list(spec.k8s.events) };
  for (const [key, text] of Object.entries(spec.k8s.logs)) out[podLogId(key.replace(/\.previous$/, ''), key.endsWith('.previous'))] = text;
  return out;
}

function redis(spec: SimulatedHostSpec): Record<string, ArtifactInput> {
  const ids = [A.redisPing, A.redisSessions, A.redisMode, A.redisGatewayConfig, A.redisEventLists, A.redisMessagesStream].map((s) => s.id);
  if (typeof spec.redis === 'string') return Object.fromEntries(ids.map((id) => [id, { status: spec.redis === 'silent' ? 'timeout' : 'error', reason: REFUSED }]));
  const r = spec.redis;
  const lists: Record<string, object> = {};
  for (const key of new Set(['joelclaw:events:gateway', 'joelclaw:events:main', ...Object.keys(r.eventLists ?? {})])) {
    const items = r.eventLists?.[key] ?? [];
    lists[key] = { type: items.length ? 'list' : 'none', length: items.length, itemsKept: items.length, olderThanWindow: 0, items };
  }
  const entries = (r.stream ?? []).map((e) => ({ id: e.id ?? `${e.fields.timestamp ?? '0'}-0`, fields: e.fields }));
  const streamType = entries.length > 0 || r.streamGroup ? 'stream' : 'none';
  const out: Record<string, ArtifactInput> = {
    [A.redisPing.id]: 'PONG',
    [A.redisSessions.id]: json([...(r.sessions ?? [])].sort()),
    [A.redisEventLists.id]: json(lists),
    [A.redisMessagesStream.id]: json({ key: 'joelclaw:gateway:messages', type: streamType, length: entries.length, entries }),
    [A.redisKeyInventory.id]: json(keyInventory(r, streamType === 'stream')),
  };
  if (r.mode !== undefined) out[A.redisMode.id] = r.mode;
  if (r.config !== undefined) {
    const raw = typeof r.config === 'string' ? r.config : JSON.stringify(r.config);
    let parsed: unknown = null;
    try {
      parsed = JSON.parse(raw);
    } catch {
      parsed = null;
    }
    out[A.redisGatewayConfig.id] = json({ raw, parsed });
  }
  return out;
}

/** The keys seedRedis writes, as the collector's SCAN inventory lists them (joelclaw:* and gateway:*, sorted). */
function keyInventory(r: Exclude<SimulatedHostSpec['redis'], string>, stream: boolean): Array<{ key: string; type: string; hasTtl: boolean }> {
  const rows: Array<[string, string]> = [];
  if (r.sessions?.length) rows.push(['joelclaw:gateway:sessions', 'set']);
  for (const [key, items] of Object.entries(r.eventLists ?? {})) if (items.length > 0) rows.push([key, 'list']);
  if (stream) rows.push(['joelclaw:gateway:messages', 'stream']);
  if (r.priority?.length) rows.push(['joelclaw:gateway:priority', 'zset']);
  if (r.config !== undefined) rows.push(['joelclaw:gateway:config', 'string']);
  if (r.mode !== undefined) rows.push(['joelclaw:mode', 'string']);
  for (const key of Object.keys({ ...r.healthKeys, ...r.extraKeys })) rows.push([key, 'string']);
  return rows
    .filter(([key]) => key.startsWith('joelclaw:') || key.startsWith('gateway:'))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, type]) => ({ key, type, hasTtl: false }));
}

/** The owner's other com.joel.* launchd jobs, as src/collect/launchd-jobs reads them: plist, print, log tails. */
function launchdJobs(spec: SimulatedHostSpec): Record<string, ArtifactInput> {
  const dirs = [{ domain: 'gui' as const, path: `${spec.home}/Library/LaunchAgents` }, { domain: 'system' as const, path: '/Library/LaunchDaemons' }];
  const out: Record<string, ArtifactInput> = {};
  const jobs: object[] = [];
  const present = dirs.filter((d) => Object.keys(spec.files).some((p) => posix.dirname(p) === d.path));
  if (present.length === 0) return { [A.launchdJobsListing.id]: { status: 'missing', reason: 'neither ~/Library/LaunchAgents nor /Library/LaunchDaemons exists (not a Mac?)' } };
  for (const d of dirs) {
    const plists = Object.keys(spec.files).filter((p) => posix.dirname(p) === d.path && /^com\.joel\..+\.plist$/.test(posix.basename(p)) && !p.endsWith('/com.joel.gateway.plist')).sort();
    for (const path of plists) {
      const name = posix.basename(path, '.plist');
      const content = spec.files[path]!.content;
      const v = plist.parse(content) as Record<string, unknown>;
      const label = typeof v.Label === 'string' ? v.Label : name;
      const ids: Record<string, string> = { plist: launchdJobId(d.domain, name, 'plist'), print: launchdJobId(d.domain, name, 'print') };
      out[ids.plist!] = { content, source: { path } };
      const answer = spec.commands.launchctl?.[`print ${d.domain === 'gui' ? `gui/${spec.uid}` : 'system'}/${label}`];
      out[ids.print!] = command(answer) ?? { content: '', status: 'error', exitCode: 64, stderr: `fake launchctl: no answer for "print ${label}"` };
      for (const part of ['stdout', 'stderr'] as const) {
        const logPath = v[part === 'stdout' ? 'StandardOutPath' : 'StandardErrorPath'];
        if (typeof logPath !== 'string' || (part === 'stderr' && logPath === v.StandardOutPath)) continue;
        const id = launchdJobId(d.domain, name, part);
        const file = spec.files[logPath];
        out[id] = file ? { content: file.content, mtime: file.mtime ?? spec.capturedAt, source: { path: logPath } } : { status: 'missing', reason: 'no such file' };
        ids[part] = id;
      }
      jobs.push({ label, domain: d.domain, plist: path, startInterval: typeof v.StartInterval === 'number' ? v.StartInterval : null, artifacts: ids });
    }
  }
  out[A.launchdJobsListing.id] = json({ jobs, capped: false });
  return out;
}

/** The artifacts `collect` would give for this machine (no e2e, no model probe), to change before bundling. */
export function artifactsOfSpec(spec: SimulatedHostSpec): Record<string, ArtifactInput> {
  const health: ArtifactInput =
    typeof spec.health === 'object'
      ? { content: spec.health.body, httpStatus: spec.health.status }
      : { status: spec.health === 'hang' ? 'timeout' : 'error', reason: `connect ECONNREFUSED 127.0.0.1:${WS_PORT}` };
  const all = { ...files(spec), ...commands(spec), ...cluster(spec), ...redis(spec), ...launchdJobs(spec), [A.health.id]: health };
  return Object.fromEntries(Object.entries(all).filter((e): e is [string, ArtifactInput] => e[1] !== undefined));
}

/** The bundle `collect` would give for this machine (no e2e, no model probe). */
export const bundleOfSpec = (spec: SimulatedHostSpec): BundleView => bundleFrom(artifactsOfSpec(spec));

/** A draft (a preset with some parts changed) as a bundle. */
export const bundleOfDraft = (draft: HostDraft): BundleView => bundleOfSpec(toSpec(draft));

/** A named preset's draft, to change before rendering. */
export function draftOf(name: string): HostDraft {
  const make = PRESET_DRAFTS[name];
  if (!make) throw new Error(`no simulated-host preset "${name}"`);
  return make();
}

/** A named preset as a bundle. */
export const bundleOfPreset = (name: string): BundleView => bundleOfDraft(draftOf(name));
