import type { Redis } from 'ioredis';

// SCAN, never KEYS: KEYS blocks a production Redis while it walks the whole keyspace. A cap keeps a huge
// keyspace (e.g. thousands of dedup keys) from turning collection into a long walk.

/** What SCAN found for one or more patterns. */
export interface ScanResult {
  keys: string[];
  /** True when the cap stopped the walk before the cursor came back to 0. */
  capped: boolean;
  /** How many distinct keys the walk saw (SCAN may repeat a key; repeats are not counted). */
  scanned: number;
}

export const SCAN_COUNT = 500;

/** Distinct keys matching any of the patterns, sorted, at most `cap` of them. */
export async function scanKeys(redis: Redis, patterns: readonly string[], cap: number): Promise<ScanResult> {
  const found = new Set<string>();
  let scanned = 0;
  let capped = false;
  for (const pattern of patterns) {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', SCAN_COUNT);
      cursor = next;
      for (const key of keys) {
        if (found.has(key)) continue;
        if (found.size >= cap) {
          capped = true;
          break;
        }
        found.add(key);
        scanned += 1;
      }
    } while (cursor !== '0' && !capped);
    if (capped) break;
  }
  return { keys: [...found].sort(), capped, scanned };
}
