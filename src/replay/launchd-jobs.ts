import { A } from '../bundle/artifacts.js';
import type { ReplayContext } from './context.js';
import { asRecord } from './parse/health.js';
import { parseLaunchctlPrint } from './parse/launchctl.js';
import { commandRan } from './process-facts.js';
import type { Evidence } from './types.js';

// The owner's other launchd jobs as the launchd-jobs collector left them (src/collect/launchd-jobs): for each,
// what launchd says (registered, runs, last exit code, run interval) and the last line its logs kept. A job
// whose last exit is non-zero after more than one run is failing over and over: the helper that keeps Colima,
// the cluster or the tripwire alive is not doing it (ADR-0159: com.joel.colima, 6 days, every 5 min).

export interface LaunchdJob {
  label: string;
  domain: 'gui' | 'system';
  printId: string | null;
  /** launchd knows the job (print exited 0); null when print did not run. */
  registered: boolean | null;
  state: string | null;
  /** Verbatim (`0`, `127`, `78: EX_CONFIG`, `(never exited)`), and its number when it has one. */
  lastExitCode: string | null;
  exitStatus: number | null;
  runs: number | null;
  /** Seconds between runs (StartInterval), from launchctl or the plist. */
  intervalSec: number | null;
  /** The last non-blank line of its stderr (else stdout) tail. */
  lastLogLine: Evidence | null;
  evidence: Evidence[];
  /** Non-zero last exit after more than one run. */
  failing: boolean;
}

const RUN_INTERVAL = /^\s*run interval\s*=\s*(\d+)\s*seconds?/im;
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

function lastLine(ctx: ReplayContext, id: string | null): Evidence | null {
  if (!id || ctx.absence(id)) return null;
  const lines = ctx.lines(id) ?? [];
  for (let i = lines.length - 1; i >= 0; i--) {
    const l = (lines[i] ?? '').trim();
    if (l !== '') return { artifact: id, line: i + 1, excerpt: l.slice(0, 200) };
  }
  return null;
}

function readJob(ctx: ReplayContext, raw: Record<string, unknown>): LaunchdJob | null {
  const label = str(raw.label);
  const domain = raw.domain === 'system' ? 'system' : raw.domain === 'gui' ? 'gui' : null;
  if (!label || !domain) return null;
  const ids = asRecord(raw.artifacts) ?? {};
  const printId = str(ids.print);
  const ran = printId !== null && commandRan(ctx, printId);
  const registered = ran ? (ctx.entry(printId!)?.exitCode ?? 0) === 0 : null;
  const text = registered ? (ctx.text(printId!) ?? '') : '';
  const service = registered ? parseLaunchctlPrint(text) : null;
  const lastExitCode = service?.lastExitCode ?? null;
  const exitStatus = lastExitCode !== null && /^-?\d+/.test(lastExitCode) ? Number.parseInt(lastExitCode, 10) : null;
  const intervalText = RUN_INTERVAL.exec(text)?.[1];
  const intervalSec = intervalText !== undefined ? Number(intervalText) : num(raw.startInterval);
  const at = (field: keyof NonNullable<typeof service>['lines']): Evidence[] => {
    const line = service?.lines[field];
    return line === undefined || printId === null ? [] : [{ artifact: printId, line, excerpt: (ctx.lines(printId)?.[line - 1] ?? '').trim() }];
  };
  const runs = service?.runs ?? null;
  return {
    label,
    domain,
    printId,
    registered,
    state: service?.state ?? null,
    lastExitCode,
    exitStatus,
    runs,
    intervalSec,
    lastLogLine: lastLine(ctx, str(ids.stderr)) ?? lastLine(ctx, str(ids.stdout)),
    evidence: [...at('lastExitCode'), ...at('runs')],
    failing: exitStatus !== null && exitStatus !== 0 && (runs ?? 0) > 1,
  };
}

// Why: the substrate layer and the helper-job-failing scenario read the same jobs.
/** The jobs of launchd-jobs/listing.json, or null when the bundle has no listing (older collector, not a Mac). */
export function launchdJobs(ctx: ReplayContext): LaunchdJob[] | null {
  return ctx.memo('launchdJobs', () => {
    if (ctx.absence(A.launchdJobsListing.id)) return null;
    const jobs = asRecord(ctx.json(A.launchdJobsListing.id))?.jobs;
    if (!Array.isArray(jobs)) return null;
    return jobs.map((j) => readJob(ctx, asRecord(j) ?? {})).filter((j): j is LaunchdJob => j !== null);
  });
}

/** "last exit 127 after 1728 runs, every 300 s". */
export function describeFailure(j: LaunchdJob): string {
  const every = j.intervalSec !== null ? `, every ${j.intervalSec} s` : '';
  return `last exit ${j.lastExitCode ?? '?'} after ${j.runs ?? '?'} runs${every}`;
}
