import { createHash } from 'node:crypto';
import crypto from 'node:crypto';
import { syncBuiltinESMExports } from 'node:module';
import type * as SessionManagerModule from '../../../../node_modules/@mariozechner/pi-coding-agent/dist/core/session-manager.js';
import type * as PiAiModelsModule from '../../../../node_modules/@mariozechner/pi-ai/dist/models.js';

// The real pi code that writes the gateway's transcripts, loaded from the pinned devDependencies
// (@mariozechner/pi-coding-agent and pi-ai 0.70.2, the gateway's pins: packages/gateway/package.json).
// The session manager and the model registry are imported by file: pi's package entry loads the TUI and
// every provider SDK (about 2 s per test file), these two files load in well under 100 ms.

const PI_DIST = new URL('../../../../node_modules/@mariozechner/pi-coding-agent/dist/', import.meta.url);
const PI_AI_DIST = new URL('../../../../node_modules/@mariozechner/pi-ai/dist/', import.meta.url);

export const { SessionManager } = (await import(new URL('core/session-manager.js', PI_DIST).href)) as typeof SessionManagerModule;
export const { calculateCost, getModel } = (await import(new URL('models.js', PI_AI_DIST).href)) as typeof PiAiModelsModule;

/**
 * Runs `write` with pi's clock and id source pinned: `new Date()` reads `clock.now` and `randomUUID()` (pi's
 * entry ids are its first 8 hex) counts through uuids derived from `seed`, so the same session is written
 * byte for byte on every run. Everything inside is synchronous (pi appends with appendFileSync), so nothing
 * else runs while the globals are swapped; they are restored before returning.
 */
export function withPiClock<T>(seed: string, clock: { now: number }, write: () => T): T {
  const RealDate = globalThis.Date;
  const realRandomUUID = crypto.randomUUID;
  let counter = 0;
  class PinnedDate extends RealDate {
    constructor(...args: unknown[]) {
      if (args.length === 0) super(clock.now);
      else super(...(args as [string]));
    }
    static override now(): number {
      return clock.now;
    }
  }
  globalThis.Date = PinnedDate as DateConstructor;
  crypto.randomUUID = (() => seededUuid(seed, counter++)) as typeof crypto.randomUUID;
  syncBuiltinESMExports();
  try {
    return write();
  } finally {
    globalThis.Date = RealDate;
    crypto.randomUUID = realRandomUUID;
    syncBuiltinESMExports();
  }
}

/** The `index`-th uuid of a seed (v4 layout), so ids can be named before pi writes them. */
export function seededUuid(seed: string, index: number): `${string}-${string}-${string}-${string}-${string}` {
  const h = createHash('sha256').update(`${seed}:${index}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
