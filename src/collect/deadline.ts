import { performance } from 'node:perf_hooks';
import type { CollectContext } from './types.js';

// A source's --timeout is one budget for everything the source does (contract: "per-source limit"): the Redis
// steps, the Kubernetes calls and the kubectl fallback all draw on it, so a server that accepts and never
// answers costs one timeout, not one per step. It starts when the collector starts (loading a source's client
// is part of its time) and also ends at the global deadline of the run.

/** One source's deadline. */
export interface SourceDeadline {
  /** Aborts at the source's deadline or the run's, whichever comes first. */
  readonly signal: AbortSignal;
  /** The source's budget, for reasons ("no answer within 3000 ms"). */
  readonly timeoutMs: number;
  /** When it ends, wall clock (for a worker thread, whose performance clock starts elsewhere). */
  readonly endsAtEpochMs: number;
  /** Milliseconds left before the source's deadline (0 once passed). */
  remainingMs(): number;
  /** True when the run's global deadline, not the source's own, ended it. */
  runEnded(): boolean;
}

/**
 * A source's own deadline: --timeout from the moment the run started every source, not from when the source's
 * first line ran (sources start one after another on one thread, and spawning a dozen commands takes a while on
 * a busy machine).
 */
export const deadlineOf = (ctx: CollectContext): SourceDeadline =>
  sourceDeadline(ctx.options.timeoutMs, ctx.signal, ctx.startedAtEpochMs + ctx.options.timeoutMs);

/**
 * The deadline of a source with `timeoutMs` to spend, inside the run's `runSignal`: from now, or the rest of
 * a budget that started earlier (`endsAtEpochMs`, wall clock, so another thread can share it).
 */
export function sourceDeadline(timeoutMs: number, runSignal: AbortSignal, endsAtEpochMs = Date.now() + timeoutMs): SourceDeadline {
  const left = Math.max(0, endsAtEpochMs - Date.now());
  const endsAt = performance.now() + left;
  return {
    signal: AbortSignal.any([AbortSignal.timeout(left), runSignal]),
    timeoutMs,
    endsAtEpochMs,
    remainingMs: () => Math.max(0, Math.round(endsAt - performance.now())),
    runEnded: () => runSignal.aborted,
  };
}
