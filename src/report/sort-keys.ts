// JSON reports must be byte-stable for the same bundle: records whose keys come from data (rule ids,
// options, Redis config) are written with their keys sorted, deeply; arrays keep their order.

// Why: one stable ordering for data-keyed objects, so diffs between two reports show only real changes.
export function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(value).sort()) out[k] = sortKeys((value as Record<string, unknown>)[k]);
  return out;
}
