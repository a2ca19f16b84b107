import type { TimelineEntry } from '../types.js';

// A timeline entry before ordering: epoch ms plus whether it must survive the size bound (errors, restarts).
// Every source module returns these; src/replay/timeline.ts orders, marks and bounds them.

export interface Moment {
  ms: number;
  source: string;
  text: string;
  artifact?: string;
  line?: number;
  /** Error-ish: kept even when older than the newest entries the bound keeps. */
  important?: boolean;
  capture?: boolean;
}

/** Characters of free text kept per entry (previews, errors). */
export const TEXT_MAX = 160;

/** One line of text, cut to TEXT_MAX. */
export const short = (s: string, max = TEXT_MAX): string => {
  const flat = s.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};

// Why: sources hold ISO strings, epoch ms or junk; only a real instant becomes an entry.
export function msOf(v: unknown): number | null {
  const ms = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Date.parse(v) : Number.NaN;
  return Number.isFinite(ms) && ms > 0 ? ms : null;
}

/** A moment when the time parses, else nothing (spread into the source's list). */
export function momentAt(when: unknown, m: Omit<Moment, 'ms'>): Moment[] {
  const ms = msOf(when);
  return ms === null ? [] : [{ ms, ...m }];
}

/** The public shape: ISO time, no internal flags. */
export function toEntry(m: Moment, afterCapture: boolean): TimelineEntry {
  return {
    at: new Date(m.ms).toISOString(),
    source: m.source,
    text: afterCapture ? `${m.text} (after capture: clock skew?)` : m.text,
    ...(m.artifact === undefined ? {} : { artifact: m.artifact }),
    ...(m.line === undefined ? {} : { line: m.line }),
    ...(m.capture ? { capture: true } : {}),
  };
}

/** 1-based line of the first artifact line matching, for citing a JSON document's field. */
export function lineOf(lines: readonly string[] | undefined, pattern: RegExp): number | undefined {
  const i = lines?.findIndex((l) => pattern.test(l)) ?? -1;
  return i >= 0 ? i + 1 : undefined;
}

/** Escapes text for use inside a RegExp. */
export const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
