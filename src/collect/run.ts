import { setMaxListeners } from 'node:events';
import { join, posix } from 'node:path';
import { performance } from 'node:perf_hooks';
import { E2E_WAIT_MS } from './commands/index.js';
import type { CollectContext, CollectOptions, Collector, StagedArtifact } from './types.js';

// The executor: every collector runs at once (wall time ~ the slowest source, not the sum), each under one
// global deadline. A collector that throws or overruns never aborts the run; its declared artifacts are
// recorded as `error` / `timeout` instead, so the bundle always says what is absent and why.

/** Slack over two per-source timeouts before the whole run gives up on a collector. */
export const DEADLINE_SLACK_MS = 5000;

/** After the deadline's abort, how long collectors get to hand back what they have before being abandoned. */
export const ABANDON_GRACE_MS = 2000;

/**
 * The global deadline for one collect run: 2 x --timeout + 5 s, plus the e2e wait when --e2e asks for it
 * (`gateway test`, the wait, then `gateway events` run one after another).
 */
export const globalDeadlineMs = (timeoutMs: number, e2e = false): number =>
  2 * timeoutMs + DEADLINE_SLACK_MS + (e2e ? E2E_WAIT_MS : 0);

export interface RunHooks {
  progress(message: string): void;
  /** Override the global deadline (tests). */
  deadlineMs?: number;
  /** Override the grace after the deadline (tests). */
  graceMs?: number;
}

/** Map a path on the collected machine under --root (`/tmp/x` + `/tmp/joelclaw/a` -> `/tmp/x/tmp/joelclaw/a`). */
export function resolveUnderRoot(root: string, machinePath: string): string {
  // Resolve `..` against the machine's `/` first, so no machine path can climb out of --root.
  return join(root, posix.resolve('/', machinePath));
}

const firstLine = (e: unknown): string => (e instanceof Error ? e.message : String(e)).split('\n')[0] ?? 'unknown error';

const failed = (ids: readonly string[], status: 'error' | 'timeout', reason: string): StagedArtifact[] =>
  ids.map((id) => ({ id, status, reason, source: {} }));

/** `ok` when everything is, else counts by status: `1 ok, 23 missing`. */
export function statusSummary(artifacts: readonly StagedArtifact[]): string {
  const counts = new Map<string, number>();
  for (const a of artifacts) counts.set(a.status, (counts.get(a.status) ?? 0) + 1);
  if (counts.size === 0) return 'nothing collected';
  if (counts.size === 1 && counts.has('ok')) return 'ok';
  return [...counts].map(([status, n]) => `${n} ${status}`).join(', ');
}

type Outcome = { kind: 'done'; artifacts: StagedArtifact[] } | { kind: 'threw'; error: unknown } | { kind: 'deadline' };

/** Run one collector against the deadline and turn every outcome into artifacts. */
async function runOne(collector: Collector, ctx: CollectContext, deadline: Promise<void>, deadlineMs: number) {
  const started = performance.now();
  const outcome: Outcome = await Promise.race([
    Promise.resolve()
      .then(() => collector.collect(ctx))
      .then((artifacts): Outcome => ({ kind: 'done', artifacts }), (error: unknown): Outcome => ({ kind: 'threw', error })),
    deadline.then((): Outcome => ({ kind: 'deadline' })),
  ]);
  const secs = ((performance.now() - started) / 1000).toFixed(1);
  const declared = collector.ids ?? [];
  if (outcome.kind === 'threw') {
    const why = `collector ${collector.id} failed: ${firstLine(outcome.error)}`;
    ctx.progress(`${collector.title}: error (${secs}s) ${firstLine(outcome.error)}`);
    return failed(declared, 'error', why);
  }
  if (outcome.kind === 'deadline') {
    ctx.progress(`${collector.title}: timeout (${secs}s)`);
    return failed(declared, 'timeout', `collector ${collector.id} did not finish within the ${deadlineMs / 1000} s deadline`);
  }
  const got = new Set(outcome.artifacts.map((a) => a.id));
  const absent = declared.filter((id) => !got.has(id));
  ctx.progress(`${collector.title}: ${statusSummary(outcome.artifacts)} (${secs}s)`);
  return [...outcome.artifacts, ...failed(absent, 'error', `collector ${collector.id} did not produce it`)];
}

/** Run every collector concurrently under the global deadline; never throws for a collector's fault. */
export async function runCollectors(
  collectors: Collector[],
  options: CollectOptions,
  hooks: RunHooks,
): Promise<StagedArtifact[]> {
  const deadlineMs = hooks.deadlineMs ?? globalDeadlineMs(options.timeoutMs, options.e2e);
  const controller = new AbortController();
  // why: every command, Redis call and k8s call listens on this one signal; dozens is normal, not a leak
  setMaxListeners(0, controller.signal);
  let timer: NodeJS.Timeout | undefined;
  let graceTimer: NodeJS.Timeout | undefined;
  // At the deadline the signal aborts (commands are killed, connections cut) and collectors return what they
  // have; only a collector that ignores its signal is abandoned, after the grace.
  const deadline = new Promise<void>((resolve) => {
    timer = setTimeout(() => {
      controller.abort(new Error(`global deadline of ${deadlineMs / 1000} s reached`));
      graceTimer = setTimeout(resolve, hooks.graceMs ?? ABANDON_GRACE_MS);
    }, deadlineMs);
  });
  const ctx: CollectContext = {
    options,
    signal: controller.signal,
    startedAtEpochMs: Date.now(),
    resolve: (p) => resolveUnderRoot(options.root, p),
    progress: (m) => hooks.progress(m),
  };
  try {
    const perCollector = await Promise.all(collectors.map((c) => runOne(c, ctx, deadline, deadlineMs)));
    const seen = new Set<string>();
    const out: StagedArtifact[] = [];
    for (const a of perCollector.flat()) {
      // Two collectors claiming one id is a bug of ours; the first one wins and the bundle stays valid.
      if (seen.has(a.id)) {
        hooks.progress(`warning: artifact ${a.id} produced twice; kept the first`);
        continue;
      }
      seen.add(a.id);
      out.push(a);
    }
    return out;
  } finally {
    clearTimeout(timer);
    clearTimeout(graceTimer);
    // Anything still running (an abandoned collector) is told to stop.
    if (!controller.signal.aborted) controller.abort(new Error('collection finished'));
  }
}
