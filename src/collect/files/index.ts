import { posix } from 'node:path';
import { A } from '../../bundle/artifacts.js';
import { fileArtifact, type KeepMode } from './tail.js';
import { gatewayPackageJson, tripwirePlist } from './plist-sources.js';
import { plistArtifact } from './plist-file.js';
import type { CollectContext, CollectOptions, Collector, StagedArtifact } from '../types.js';

// The files the diagnosis reads (facts §1), as a declaration table: artifact id, machine path, and how much
// to keep. Logs are tails on a record boundary; state files are whole (a cap only guards against garbage).
// Plists are parsed too, because the gateway checkout (packages/gateway/package.json) is found through them.

/** A state file bigger than this is not what the gateway writes: keep its head. */
export const SMALL_FILE_CAP = 256 * 1024;
/** Per-log cap before the bundle budget: enough for hours of a busy daemon, read from the end. */
export const LOG_TAIL_CAP = 16 * 1024 * 1024;

interface FileSource {
  id: string;
  /** The path on the machine, from the options (home files depend on --home). */
  path(o: CollectOptions): string;
  keep: KeepMode;
  capBytes: number;
  bunRecords?: boolean;
  plist?: boolean;
}

const tmp = (name: string) => () => `/tmp/joelclaw/${name}`;
const home = (rel: string) => (o: CollectOptions) => posix.join(o.home, rel);
const log = (id: string, name: string): FileSource => ({ id, path: tmp(name), keep: 'tail', capBytes: LOG_TAIL_CAP, bunRecords: true });
const small = (id: string, path: (o: CollectOptions) => string, plist = false): FileSource => ({
  id,
  path,
  keep: 'head',
  capBytes: SMALL_FILE_CAP,
  plist,
});

/** Every fixed-path file, in the order of facts §1. */
export const FILE_SOURCES: readonly FileSource[] = [
  log(A.gatewayLog.id, 'gateway.log'),
  log(A.gatewayErrLog.id, 'gateway.err'),
  small(A.pidFile.id, tmp('gateway.pid')),
  small(A.wsPortFile.id, tmp('gateway.ws.port')),
  small(A.heartbeatFile.id, tmp('last-heartbeat.ts')),
  small(A.lifecycleMarker.id, tmp('gateway.lifecycle.json')),
  small(A.operatorRestartMarker.id, tmp('gateway.operator-restart.json')),
  small(A.forceNewSessionMarker.id, tmp('gateway.force-new-session.json')),
  small(A.sessionIdFile.id, home('.joelclaw/gateway.session')),
  small(A.piSettings.id, home('.joelclaw/gateway/.pi/settings.json')),
  // pi's model registry reads custom models and context-window overrides from the agent dir (daemon.ts:162)
  small(A.piModels.id, home('.pi/agent/models.json')),
  small(A.startScript.id, home('.joelclaw/scripts/gateway-start.sh')),
  small(A.launchDaemonPlist.id, () => '/Library/LaunchDaemons/com.joel.gateway.plist', true),
  small(A.launchAgentPlist.id, home('Library/LaunchAgents/com.joel.gateway.plist'), true),
];

/** Read one declared file; plists also yield their parsed value. */
async function readSource(ctx: CollectContext, s: FileSource) {
  const machinePath = s.path(ctx.options);
  const real = ctx.resolve(machinePath);
  if (s.plist) return plistArtifact(s.id, machinePath, real);
  const artifact = await fileArtifact(s.id, machinePath, real, { capBytes: s.capBytes, keep: s.keep, bunRecords: s.bunRecords ?? false });
  return { artifact, value: undefined };
}

async function collectFiles(ctx: CollectContext): Promise<StagedArtifact[]> {
  const read = await Promise.all(FILE_SOURCES.map((s) => readSource(ctx, s)));
  const byId = new Map(read.map((r, i) => [FILE_SOURCES[i]?.id, r]));
  // The real code checks the system daemon first (facts §1.7), so its checkout wins.
  const plists = [byId.get(A.launchDaemonPlist.id)?.value, byId.get(A.launchAgentPlist.id)?.value];
  const [tripwire, pkg] = await Promise.all([tripwirePlist(ctx), gatewayPackageJson(ctx, plists)]);
  return [...read.map((r) => r.artifact), tripwire, pkg];
}

/** The files collector. */
export const filesCollector: Collector = {
  id: 'files',
  title: 'files',
  ids: [...FILE_SOURCES.map((s) => s.id), A.tripwirePlist.id, A.gatewayPackageJson.id],
  collect: collectFiles,
};
