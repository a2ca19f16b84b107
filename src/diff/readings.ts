import type { Diagnosis } from '../replay/types.js';
import type { Reading, ReadingChange } from './schema.js';

// A reading is one figure or machine fact read off each Diagnosis, compared the same way whatever it is:
// a number moved up or down, any other value changed, or it became known / unknown (with the reason).

export type Value = number | string | null;

/** What a side shows: a value, or null with why it is unknown. */
export interface Side {
  value: Value;
  why?: string;
}

/** The value that means "none at all" where a number is expected (no unacked message, no hanging turn). */
export const NONE = 'none';

export interface ReadingDef {
  id: string;
  group: string;
  label: string;
  unit: string | null;
  /** Which way is better: lower numbers, or earlier entries of `order`; null when neither (a pid, a model). */
  polarity: 'lower' | null;
  /** For text values with a ranking (pressure ok < elevated < critical), lowest first. */
  order?: readonly string[];
  read(d: Diagnosis): Side;
  /** A short account of what changed inside a list value. */
  note?(old: Side, now: Side): string | undefined;
}

/** A comparable rank of a value: the number itself, NONE below every number, or the place in `order`. */
function rank(def: ReadingDef, v: Value): number | null {
  if (typeof v === 'number') return v;
  if (v === NONE) return Number.NEGATIVE_INFINITY;
  const i = def.order?.indexOf(v ?? '') ?? -1;
  return i >= 0 ? i : null;
}

function changeOf(def: ReadingDef, a: Value, b: Value): { change: ReadingChange; better: boolean | null } {
  if (a === b) return { change: 'unchanged', better: null };
  if (a !== null && b === null) return { change: 'lost-visibility', better: false };
  if (a === null) return { change: 'gained-visibility', better: null };
  const ra = rank(def, a);
  const rb = rank(def, b);
  if (ra === null || rb === null || ra === rb) return { change: 'changed', better: null };
  const up = rb > ra;
  return { change: up ? 'up' : 'down', better: def.polarity === 'lower' ? !up : null };
}

// Why: the one comparison behind every row of the figures and machine tables.
export function compareReading(def: ReadingDef, old: Diagnosis, now: Diagnosis): Reading {
  const a = def.read(old);
  const b = def.read(now);
  const { change, better } = changeOf(def, a.value, b.value);
  const note = change === 'unchanged' ? undefined : def.note?.(a, b);
  return {
    id: def.id,
    group: def.group,
    label: def.label,
    unit: def.unit,
    old: a.value,
    new: b.value,
    ...(a.value === null ? { oldWhy: a.why ?? 'not found in this bundle' } : {}),
    ...(b.value === null ? { newWhy: b.why ?? 'not found in this bundle' } : {}),
    change,
    better,
    ...(note ? { note } : {}),
  };
}

/** Why a reading of these artifacts is unknown: the first one's absence, else the owning layer's account. */
export function unknownWhy(d: Diagnosis, artifacts: readonly string[], layerId: string): string {
  for (const id of artifacts) {
    const why = d.collection.absent[id];
    if (why) return why;
  }
  const layer = d.layers.find((l) => l.id === layerId);
  if (!layer) return 'not found in this bundle';
  return layer.status === 'unknown' || layer.status === 'skipped' ? (layer.reason ?? layer.detail) : `${layerId}: ${layer.detail}`;
}

/** A side from a value that may be null, with the reason computed only when it is. */
export const sideOf = (value: Value | undefined, why: () => string): Side => (value === null || value === undefined ? { value: null, why: why() } : { value });

/** Keys present on either side, sorted, for readings that exist per key (queues, patterns, config keys). */
export function keysOfBoth<T>(old: Diagnosis, now: Diagnosis, keys: (d: Diagnosis) => readonly T[], keyOf: (t: T) => string): string[] {
  return [...new Set([...keys(old).map(keyOf), ...keys(now).map(keyOf)])].sort();
}
