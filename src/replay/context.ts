import type { ArtifactEntry } from '../bundle/manifest.js';
import type { BundleView } from '../bundle/view.js';
import { groupRecords } from './records.js';
import type { LogRecord } from './types.js';

/** A JSONL line that parsed, with its 1-based line number. */
export interface JsonlLine {
  line: number;
  value: unknown;
}

/**
 * A bundle view plus memoized parsed forms. Layers, patterns and scenarios take this; it never reads the
 * disk, the network or the clock: `now` is the capture time.
 */
export interface ReplayContext {
  readonly view: BundleView;
  readonly now: Date;
  entry(id: string): ArtifactEntry | undefined;
  text(id: string): string | undefined;
  lines(id: string): string[] | undefined;
  /** Parsed JSON, or undefined when absent or unparseable (see `absence`). */
  json<T = unknown>(id: string): T | undefined;
  /** Parsed JSONL lines (unparseable lines are skipped and counted in `jsonlErrors`). */
  jsonl(id: string): JsonlLine[] | undefined;
  jsonlErrors(id: string): number;
  /** Log records of a text log (bun's multi-line output grouped). */
  records(id: string): LogRecord[] | undefined;
  /**
   * Why the artifact gives no evidence, or null when it has usable content. One readable line such as
   * "files/gateway.err was not collected (missing: no such file)" or "... timed out after 10 s".
   */
  absence(id: string): string | null;
  /** Memoize any derived value by key (pattern scan, session turns, ...). */
  memo<T>(key: string, compute: () => T): T;
}

export function createContext(view: BundleView): ReplayContext {
  const cache = new Map<string, unknown>();
  const memo = <T>(key: string, compute: () => T): T => {
    if (!cache.has(key)) cache.set(key, compute());
    return cache.get(key) as T;
  };
  const text = (id: string) => view.text(id);
  const lines = (id: string) =>
    memo(`lines:${id}`, () => {
      const t = text(id);
      if (t === undefined) return undefined;
      const ls = t.split('\n');
      if (ls.length > 0 && ls[ls.length - 1] === '') ls.pop();
      return ls;
    });
  const parsedJson = (id: string) =>
    memo(`json:${id}`, (): { ok: true; value: unknown } | { ok: false } | undefined => {
      const t = text(id);
      if (t === undefined) return undefined;
      try {
        return { ok: true, value: JSON.parse(t) };
      } catch {
        return { ok: false };
      }
    });
  const parsedJsonl = (id: string) =>
    memo(`jsonl:${id}`, () => {
      const ls = lines(id);
      if (ls === undefined) return undefined;
      const out: JsonlLine[] = [];
      let errors = 0;
      ls.forEach((l, i) => {
        if (l.trim() === '') return;
        try {
          out.push({ line: i + 1, value: JSON.parse(l) });
        } catch {
          errors++;
        }
      });
      return { out, errors };
    });

  return {
    view,
    now: view.capturedAt,
    entry: (id) => view.entry(id),
    text,
    lines,
    json: <T>(id: string) => {
      const p = parsedJson(id);
      return p && p.ok ? (p.value as T) : undefined;
    },
    jsonl: (id) => parsedJsonl(id)?.out,
    jsonlErrors: (id) => parsedJsonl(id)?.errors ?? 0,
    records: (id) =>
      memo(`records:${id}`, () => {
        const ls = lines(id);
        return ls === undefined ? undefined : groupRecords(id, ls);
      }),
    absence: (id) => {
      const e = view.entry(id);
      if (!e) return `${id} is not in this bundle (collected by an older gwbundle, or not collected)`;
      const why = e.reason ? `: ${e.reason}` : '';
      switch (e.status) {
        case 'missing':
          return `${id} was not collected (missing${why})`;
        case 'timeout':
          if (text(id)) break; // partial output is still evidence
          return `${id} timed out${why}`;
        case 'error':
          if (e.kind === 'command' && text(id) !== undefined) break; // a command that ran and failed is evidence
          return `${id} could not be collected (error${why})`;
        case 'skipped':
          return `${id} was skipped${why}`;
        default:
          break;
      }
      if (text(id) === undefined) return `${id} has no content in the bundle`;
      if (e.contentType === 'json' && parsedJson(id)?.ok === false && text(id)!.trim() !== '') {
        return `${id} did not parse as JSON`;
      }
      return null;
    },
    memo,
  };
}
