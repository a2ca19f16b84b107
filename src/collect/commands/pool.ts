// A tiny concurrency limiter: the collector machine may be the sick one, so at most a handful of commands
// run at once (launchctl, colima and joelclaw each start heavyweight runtimes).

/** Run tasks with at most `limit` in flight; results keep the tasks' order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}
