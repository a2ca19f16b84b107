import { setFlagsFromString } from 'node:v8';

// Why: a report holds ~50 MB of live heap at most (records, the parsed session), but with V8's defaults its
// process peaked at 245-275 MiB on the bench bundles: the young generation grows to 16 MiB semi-spaces, the old
// generation may double before a full GC, and the inflated log blocks wait for those GCs as external memory.
// A replay is one short batch, so it trades a little GC time for a heap that stays near its live size:
// 140-180 MiB on the same bundles at about the same wall time (docs/benchmarks.md, "What each change bought").

/**
 * V8 flags that V8 reads at each GC, so they apply after start-up (a flag such as --max-semi-space-size is read
 * once, when the heap is made, and can only be given on node's command line). Both exist in Node 20, 22 and 24.
 */
export const COMPACT_HEAP_FLAGS: readonly string[] = [
  // the young generation stays at its first size instead of doubling up to 16 MiB per semi-space
  '--semi-space-growth-factor=1',
  // the old generation may grow 50% over its live size before the next full GC (V8 allows up to 4x)
  '--heap-growing-percent=50',
];

/** Applies COMPACT_HEAP_FLAGS to this process; for the commands that replay bundles (report, diff). */
export function useCompactHeap(): void {
  for (const flag of COMPACT_HEAP_FLAGS) setFlagsFromString(flag);
}
