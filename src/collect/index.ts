import type { Manifest } from '../bundle/manifest.js';
import { commandsCollector } from './commands/index.js';
import { filesCollector } from './files/index.js';
import { hostCollector } from './host/index.js';
import { healthCollector } from './http/index.js';
import { k8sCollector } from './k8s/index.js';
import { checkCollectDestination } from './out-path.js';
import { launchdJobsCollector } from './launchd-jobs/index.js';
import { redisCollector } from './redis/index.js';
import { runCollectors } from './run.js';
import { transcriptCollector } from './transcript/index.js';
import type { CollectOptions, Collector } from './types.js';

// `gwbundle collect`: run every collector at once, then hand what they gathered to src/collect/pack.ts
// (redaction, --max-size, the atomic write), which is loaded only then.

/** Every collector, in one list: adding a source is one line here. */
export const COLLECTORS: readonly Collector[] = [
  filesCollector,
  transcriptCollector,
  commandsCollector,
  hostCollector,
  redisCollector,
  k8sCollector,
  healthCollector,
  launchdJobsCollector,
];

export interface CollectOut {
  outPath: string | null;
  /** Replace an existing file at outPath (--force); without it an existing file is refused before collecting. */
  force?: boolean;
  progress?: (message: string) => void;
  /** Replace the collector list (tests). */
  collectors?: readonly Collector[];
}

/** Collect, redact, budget and write one bundle; returns its path, manifest and size. */
export async function runCollect(
  options: CollectOptions,
  out: CollectOut,
): Promise<{ path: string; manifest: Manifest; size: number }> {
  const startedAtMs = Date.now();
  const progress = out.progress ?? (() => {});
  // Refuse a bad destination before spending the collection time.
  const force = out.force === true;
  const dest = await checkCollectDestination(out.outPath, options.now, force);
  const collected = await runCollectors([...(out.collectors ?? COLLECTORS)], options, { progress });
  const { packBundle } = await import('./pack.js');
  const { manifest, size } = await packBundle(collected, options, { dest, force, startedAtMs, progress });
  return { path: dest, manifest, size };
}
