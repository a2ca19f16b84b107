import { readdir } from 'node:fs/promises';
import { posix } from 'node:path';
import type { PlistValue } from 'plist';
import { A, type LaunchdJobPart, launchdJobId } from '../../bundle/artifacts.js';
import { commandArtifact, runCommand } from '../commands/exec.js';
import { type SourceDeadline, deadlineOf } from '../deadline.js';
import { mapLimit } from '../commands/pool.js';
import { plistArtifact } from '../files/plist-file.js';
import { fileArtifact } from '../files/tail.js';
import { toJson } from '../format.js';
import type { CollectContext, Collector, StagedArtifact } from '../types.js';

// The owner's other launchd jobs: every com.joel.*.plist in ~/Library/LaunchAgents and /Library/LaunchDaemons
// except the gateway's own (the tripwire, the Colima and k8s healers, workers, tunnels). A helper that fails on
// every run keeps the gateway's substrate unguarded without a sound: com.joel.colima and k8s-reboot-heal failed
// every 5 min for 6 days in February 2026 because launchd's PATH had no /opt/homebrew/bin (ADR-0159, joelclaw
// bc19202c). Jobs are found from the plist files, which say where their logs go; per job the bundle keeps the
// plist, `launchctl print <domain>/<label>` (state, runs, last exit code, run interval) and the tails of its
// StandardOutPath / StandardErrorPath. launchd-jobs/listing.json says what was found:
//   {dirs: [{domain, path, status, plists}], jobs: [{label, domain, plist, program, startInterval, keepAlive,
//    runAtLoad, stdoutPath, stderrPath, artifacts: {plist, print, stdout?, stderr?}}], capped}

/** Jobs read at most: the owner has about a dozen; a directory of hundreds is not what this is for. */
export const MAX_JOBS = 24;
/** Tail kept of each job log: the last runs' words, not its history. */
export const JOB_LOG_TAIL_BYTES = 32 * 1024;
/** launchctl runs in flight at once. */
const CONCURRENCY = 4;
const PLIST_NAME = /^com\.joel\..+\.plist$/;
/** The gateway's own plist, collected as files/launch{agent,daemon}.plist. */
const GATEWAY_PLIST = 'com.joel.gateway.plist';

type Domain = 'gui' | 'system';

interface JobDir {
  domain: Domain;
  path: string;
  status: 'ok' | 'missing' | 'error';
  reason?: string;
  plists: string[];
}

export interface JobListing {
  label: string;
  domain: Domain;
  plist: string;
  program: string[];
  startInterval: number | null;
  keepAlive: boolean | null;
  runAtLoad: boolean | null;
  stdoutPath: string | null;
  stderrPath: string | null;
  artifacts: Partial<Record<LaunchdJobPart, string>>;
}

const dirsOf = (home: string): Array<{ domain: Domain; path: string }> => [
  { domain: 'gui', path: posix.join(home, 'Library/LaunchAgents') },
  { domain: 'system', path: '/Library/LaunchDaemons' },
];

async function listDir(ctx: CollectContext, domain: Domain, path: string): Promise<JobDir> {
  try {
    const plists = (await readdir(ctx.resolve(path))).filter((n) => PLIST_NAME.test(n) && n !== GATEWAY_PLIST).sort();
    return { domain, path, status: 'ok', plists };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { domain, path, status: 'missing', reason: 'no such directory', plists: [] };
    return { domain, path, status: 'error', reason: code === 'EACCES' ? 'permission denied' : (code ?? 'readdir failed'), plists: [] };
  }
}

const dict = (v: PlistValue | undefined): Record<string, unknown> =>
  v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date) && !(v instanceof Uint8Array) ? (v as Record<string, unknown>) : {};
const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const bool = (v: unknown): boolean | null => (typeof v === 'boolean' ? v : v === undefined ? null : true); // KeepAlive may be a dict of conditions

/** What the plist says about the job; the label falls back to the file name, as launchctl would need it. */
function describe(domain: Domain, plistPath: string, value: PlistValue | undefined): Omit<JobListing, 'artifacts'> {
  const d = dict(value);
  const args = Array.isArray(d.ProgramArguments) ? d.ProgramArguments.filter((a): a is string => typeof a === 'string') : [];
  const interval = d.StartInterval;
  return {
    label: str(d.Label) ?? posix.basename(plistPath, '.plist'),
    domain,
    plist: plistPath,
    program: args.length > 0 ? args : [str(d.Program)].filter((p): p is string => p !== null),
    startInterval: typeof interval === 'number' ? interval : null,
    keepAlive: bool(d.KeepAlive),
    runAtLoad: typeof d.RunAtLoad === 'boolean' ? d.RunAtLoad : null,
    stdoutPath: str(d.StandardOutPath),
    stderrPath: str(d.StandardErrorPath),
  };
}

/** One job: its plist, what launchd says about it, and the tails of its logs (one artifact when both are one file). */
async function collectJob(ctx: CollectContext, deadline: SourceDeadline, domain: Domain, plistPath: string): Promise<{ listing: JobListing; artifacts: StagedArtifact[] }> {
  const name = posix.basename(plistPath, '.plist');
  const plistId = launchdJobId(domain, name, 'plist');
  const read = await plistArtifact(plistId, plistPath, ctx.resolve(plistPath));
  const job = describe(domain, plistPath, read.value);
  const target = `${domain === 'gui' ? `gui/${ctx.options.uid}` : 'system'}/${job.label}`;
  const argv = ['launchctl', 'print', target];
  const printId = launchdJobId(domain, name, 'print');
  const print = commandArtifact(printId, argv, await runCommand(argv, { timeoutMs: Math.max(1, deadline.remainingMs()), env: ctx.options.env, signal: deadline.signal }));
  const logs: StagedArtifact[] = [];
  const ids: JobListing['artifacts'] = { plist: plistId, print: printId };
  for (const [part, path] of [['stdout', job.stdoutPath], ['stderr', job.stderrPath]] as const) {
    if (path === null || (part === 'stderr' && path === job.stdoutPath)) continue;
    const id = launchdJobId(domain, name, part);
    logs.push(await fileArtifact(id, path, ctx.resolve(path), { capBytes: JOB_LOG_TAIL_BYTES, keep: 'tail' }));
    ids[part] = id;
  }
  return { listing: { ...job, artifacts: ids }, artifacts: [read.artifact, print, ...logs] };
}

async function collectJobs(ctx: CollectContext): Promise<StagedArtifact[]> {
  // why: one --timeout for the whole source: reading the plists (and loading their parser on a busy machine)
  // must not push a hung `launchctl print` past it
  const deadline = deadlineOf(ctx);
  const dirs = await Promise.all(dirsOf(ctx.options.home).map((d) => listDir(ctx, d.domain, d.path)));
  const all = dirs.flatMap((d) => d.plists.map((n) => ({ domain: d.domain, path: posix.join(d.path, n) })));
  const chosen = all.slice(0, MAX_JOBS);
  const jobs = await mapLimit(chosen, CONCURRENCY, (j) => collectJob(ctx, deadline, j.domain, j.path));
  const doc = {
    dirs: dirs.map(({ plists, ...d }) => ({ ...d, plists: plists.length })),
    jobs: jobs.map((j) => j.listing),
    capped: all.length > chosen.length,
  };
  const source = { path: dirs.map((d) => d.path).join(' ') };
  if (dirs.every((d) => d.status === 'missing')) {
    return [{ id: A.launchdJobsListing.id, status: 'missing', reason: 'neither ~/Library/LaunchAgents nor /Library/LaunchDaemons exists (not a Mac?)', source }];
  }
  const listing: StagedArtifact = { id: A.launchdJobsListing.id, status: 'ok', source, content: toJson(doc), facts: { jobs: jobs.length, found: all.length } };
  return [listing, ...jobs.flatMap((j) => j.artifacts)];
}

/** The launchd-jobs collector. */
export const launchdJobsCollector: Collector = {
  id: 'launchd-jobs',
  title: 'the owner\'s other launchd jobs',
  ids: [A.launchdJobsListing.id],
  collect: collectJobs,
};
