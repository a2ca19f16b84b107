import type { ReplayContext } from './context.js';
import type { Evidence } from './types.js';

// Why: evidence at the first line of a text artifact matching a pattern (launchctl fields, ps rows, config
// keys); shared by layers and scenarios, so it lives below both.
export function lineEvidence(ctx: ReplayContext, artifact: string, pattern: RegExp): Evidence | null {
  const lines = ctx.absence(artifact) === null ? ctx.lines(artifact) : undefined;
  const i = lines?.findIndex((l) => pattern.test(l)) ?? -1;
  if (!lines || i < 0) return null;
  return { artifact, line: i + 1, excerpt: (lines[i] ?? '').trim().slice(0, 200) };
}
