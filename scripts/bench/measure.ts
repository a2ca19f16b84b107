import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

// What one measured child reports. Each figure is taken inside a fresh process, so one case's heap, page
// cache accounting and GC state never leak into the next; the parent only reads this line from stdout.

/** The line prefix the parent looks for on a child's stdout. */
export const RESULT_PREFIX = 'BENCH_RESULT ';

/** Figures common to every case, plus the case's own facts. */
export interface Measured {
  /** Wall time of the operation alone (imports and setup excluded). */
  ms: number;
  /** Peak RSS of the whole child process (process.resourceUsage().maxRSS), MiB. */
  peakRssMiB: number;
  /** RSS right before the operation started (modules loaded), MiB: the floor under the peak. */
  startRssMiB: number;
  /** Bytes the process read through read(2) during the operation (/proc/self/io rchar), MiB; null off Linux. */
  readMiB: number | null;
  facts: Record<string, unknown>;
}

const MiB = 1024 * 1024;

/** rchar from /proc/self/io: every byte read by syscalls, page cache or not; null where there is no /proc. */
function bytesRead(): number | null {
  try {
    const m = /^rchar:\s*(\d+)/m.exec(readFileSync('/proc/self/io', 'utf8'));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

/** Times `op` in this process and prints the figures as one JSON line for the parent. */
export async function measure(op: () => Promise<Record<string, unknown>>): Promise<void> {
  const startRss = process.memoryUsage().rss;
  const read0 = bytesRead();
  const t0 = performance.now();
  const facts = await op();
  const ms = performance.now() - t0;
  const read1 = bytesRead();
  const result: Measured = {
    ms: Math.round(ms),
    // why: maxRSS is in KiB on Linux and macOS alike (Node normalises it)
    peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
    startRssMiB: Math.round(startRss / MiB),
    readMiB: read0 === null || read1 === null ? null : Math.round((read1 - read0) / MiB),
    facts,
  };
  process.stdout.write(`${RESULT_PREFIX}${JSON.stringify(result)}\n`);
}
