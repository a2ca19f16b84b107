import { createHmac } from 'node:crypto';

// The marker that replaces a secret: `[REDACTED:<rule-id>:<6 hex>]`. The hex is an HMAC of the value with the
// bundle's salt, so the same value gives the same marker across artifacts (correlation survives) while the
// value cannot be guessed without the salt. It holds no quote, backslash, `<` or `&`: it stays valid inside a
// JSON string or an XML <string>.

/** Every marker, for skipping spans that are already redacted (idempotence). */
export const MARKER_RE = /\[REDACTED:[a-z0-9][a-z0-9/._-]*:[0-9a-f]{6}\]/g;
const MARKER_PREFIX = '[REDACTED:';

/** Makes markers for one salt; the HMAC of a value is computed once. */
export class MarkerMaker {
  private readonly cache = new Map<string, string>();
  constructor(private readonly salt: Buffer) {}

  /** The marker for `value` found by rule `ruleId`. */
  marker(ruleId: string, value: string): string {
    let hex = this.cache.get(value);
    if (hex === undefined) {
      hex = createHmac('sha256', this.salt).update(value, 'utf8').digest('hex').slice(0, 6);
      this.cache.set(value, hex);
    }
    return `${MARKER_PREFIX}${ruleId}:${hex}]`;
  }
}

/** The [start, end) spans of markers already in `text`, in order. */
export function markerSpans(text: string): Array<[number, number]> {
  if (!text.includes(MARKER_PREFIX)) return [];
  const spans: Array<[number, number]> = [];
  for (const m of text.matchAll(MARKER_RE)) spans.push([m.index, m.index + m[0].length]);
  return spans;
}

const WHOLE_MARKER_RE = new RegExp(`^${MARKER_RE.source}$`);

/** Whether the whole string is one marker (a value redacted before). */
export const isMarker = (s: string): boolean => s.startsWith(MARKER_PREFIX) && WHOLE_MARKER_RE.test(s);
