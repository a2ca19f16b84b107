import { healthyDraft, toSpec } from '../../test/helpers/simulated-host/presets.js';
import type { SimulatedHostSpec } from '../../test/helpers/simulated-host/index.js';
import { type BenchContext, cliHost } from './hosts.js';
import { phases } from './notes.js';
import { type Run, runCli } from './process.js';
import { type Goal, type Row, median, rssOf, secs } from './table.js';

// Section "Collect", small machines whose sources are slow, hung or silent: every source runs at once, and a
// source's --timeout is one deadline for all it does, so a hung source costs one timeout (plus the time to
// kill a command's process group), never one per step. Plus how fast a usage error comes back.

/** What each slow fake command waits before answering. */
export const SLOW_DELAY_MS = 2000;
/** The --timeout of the hung and silent cases, as in issue 14's table. */
const HUNG_TIMEOUT_SEC = 3;

/** Collects the healthy preset changed by `change`, with `timeoutSec`. */
async function collectHealthy(ctx: BenchContext, db: number, name: string, timeoutSec: number, change: (spec: SimulatedHostSpec) => void): Promise<Run> {
  const spec = toSpec(healthyDraft());
  change(spec);
  const host = await cliHost(ctx, spec, db);
  try {
    return (await host.collect(name, timeoutSec)).run;
  } finally {
    await host.stop();
  }
}

/** A command that prints a little and never exits, with a grandchild holding its stdout. */
const HUNG = { stdout: '{"partial":', hang: true };

/** The small-machine rows; returns the goals they measure and the collect runs (for the memory goal). */
export async function slowSourceCases(ctx: BenchContext, rows: Row[]): Promise<{ goals: Goal[]; collects: Run[] }> {
  ctx.log('collect: healthy preset, then with 3 slow commands...');
  const base = await collectHealthy(ctx, 12, 'healthy', 10, () => {});
  const slow = await collectHealthy(ctx, 13, 'slow', 10, (spec) => {
    for (const name of ['colima', 'pi', 'ps'] as const) for (const answer of Object.values(spec.commands[name] ?? {})) answer.delayMs = SLOW_DELAY_MS;
  });
  rows.push(
    { section: 'Collect', what: 'collect, healthy preset (small logs): the baseline', wall: secs(base.ms), rss: rssOf(base), notes: phases(base) },
    {
      section: 'Collect',
      what: `collect, healthy preset with colima, pi and ps each answering after ${SLOW_DELAY_MS / 1000} s`,
      wall: secs(slow.ms),
      rss: rssOf(slow),
      notes: `${phases(slow)}; +${secs(slow.ms - base.ms)} over the baseline (in sequence the three would add ${secs(3 * SLOW_DELAY_MS)})`,
    },
  );

  ctx.log(`collect: kubectl, colima and launchctl hung, the Kubernetes API silent or unreachable, --timeout ${HUNG_TIMEOUT_SEC}...`);
  const hang = (spec: SimulatedHostSpec) => {
    for (const name of ['kubectl', 'colima', 'launchctl'] as const) spec.commands[name] = { '*': HUNG };
  };
  const hungSilent = await collectHealthy(ctx, 14, 'hung-api-silent', HUNG_TIMEOUT_SEC, (spec) => {
    hang(spec);
    spec.k8s = 'hang';
  });
  const hungUnreached = await collectHealthy(ctx, 15, 'hung-api-unreachable', HUNG_TIMEOUT_SEC, (spec) => {
    hang(spec);
    spec.k8s = 'unreachable';
  });
  ctx.log(`collect: Redis accepting and never answering, --timeout ${HUNG_TIMEOUT_SEC}...`);
  const redisSilent = await collectHealthy(ctx, 16, 'redis-silent', HUNG_TIMEOUT_SEC, (spec) => {
    spec.redis = 'silent';
  });
  rows.push(
    { section: 'Collect', what: `collect, kubectl, colima and launchctl hung and a Kubernetes API that accepts and never answers, --timeout ${HUNG_TIMEOUT_SEC}`, wall: secs(hungSilent.ms), rss: rssOf(hungSilent), notes: phases(hungSilent) },
    { section: 'Collect', what: `collect, the same with the Kubernetes API not reached (connection refused), --timeout ${HUNG_TIMEOUT_SEC}`, wall: secs(hungUnreached.ms), rss: rssOf(hungUnreached), notes: phases(hungUnreached) },
    { section: 'Collect', what: `collect, Redis accepting and never answering, --timeout ${HUNG_TIMEOUT_SEC}`, wall: secs(redisSilent.ms), rss: rssOf(redisSilent), notes: phases(redisSilent) },
  );

  ctx.log('collect --hours -1, five times...');
  const usage: Run[] = [];
  for (let i = 0; i < 5; i++) usage.push(await runCli(['collect', '--hours', '-1'], { env: { PATH: process.env.PATH }, work: ctx.work }));
  if (usage.some((u) => u.code !== 1)) throw new Error(`collect --hours -1 exited ${usage.map((u) => u.code).join(', ')}, expected 1`);
  const usageMs = median(usage.map((u) => u.ms));
  rows.push({
    section: 'Collect',
    what: '`gwbundle collect --hours -1` (a usage error), five runs',
    wall: `${secs(usageMs)} (median; ${usage.map((u) => secs(u.ms)).join(', ')})`,
    rss: rssOf({ peakRssMiB: Math.max(...usage.map((u) => u.peakRssMiB ?? 0)) }),
    notes: `exit 1: ${usage[0]?.stderr[0]?.line ?? ''}`,
  });

  const limit = HUNG_TIMEOUT_SEC * 1000 + 2000;
  const goals: Goal[] = [
    { row: `collect with kubectl, colima, launchctl hanging and a Kubernetes API that accepts and never answers, --timeout ${HUNG_TIMEOUT_SEC}`, goal: `< ${secs(limit)}`, measured: `${secs(hungSilent.ms)} (${secs(hungUnreached.ms)} when the API is not reached)`, met: hungSilent.ms < limit && hungUnreached.ms < limit },
    { row: `collect with Redis accepting and never answering, --timeout ${HUNG_TIMEOUT_SEC}`, goal: `< ${secs(limit)}`, measured: secs(redisSilent.ms), met: redisSilent.ms < limit },
    { row: '`gwbundle collect --hours -1` (a usage error)', goal: '< 300 ms', measured: `${secs(usageMs)} (median of 5)`, met: usageMs < 300 },
  ];
  return { goals, collects: [base, slow, hungSilent, hungUnreached, redisSilent] };
}
