// The contract's exit codes, named once.
export const EXIT = {
  ok: 0,
  usage: 1,
  internal: 1,
  /** collect: no bundle could be written; report/inspect/show/verify: the bundle is unreadable or unsafe. */
  bundle: 2,
  failed: 3,
  /** diff: something got worse between OLD and NEW. */
  worse: 3,
  degraded: 4,
  /** Interrupted by Ctrl-C (128 + SIGINT). */
  interrupted: 130,
} as const;
