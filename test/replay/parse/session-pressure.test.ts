import { describe, expect, it } from 'vitest';
import { A } from '../../../src/bundle/artifacts.js';
import { createContext } from '../../../src/replay/context.js';
import { parseSession } from '../../../src/replay/parse/session.js';
import { type PressureInput, sessionPressure } from '../../../src/replay/parse/session-pressure.js';
import { bundleFrom } from '../../helpers/bundle-from.js';
import { NOW_MS, transcript } from './session-fixture.js';

const HOUR = 3_600_000;
const window = { window: 200_000, source: 'default' as const, why: "the daemon's default of 200000" };
const base: PressureInput = { contextTokens: 50_000, model: 'openai-codex/gpt-5.6-sol', window, sessionStartMs: NOW_MS - HOUR, lastCompactionMs: NOW_MS - HOUR, nowMs: NOW_MS };
const at = (over: Partial<PressureInput>) => sessionPressure({ ...base, ...over });

describe('sessionPressure', () => {
  it('is ok and says when to compact while under every threshold', () => {
    expect(at({})).toMatchObject({ usagePercent: 25, reasons: [], nextAction: 'observe', health: 'ok', nextThresholdSummary: 'compact at 65% context or 4h since last compaction' });
  });

  it('turns elevated at exactly 65% usage, and not at 64.4%, which rounds down', () => {
    expect(at({ contextTokens: 130_000 })).toMatchObject({ usagePercent: 65, reasons: ['context_usage'], nextAction: 'compact', health: 'elevated' });
    expect(at({ contextTokens: 128_800 })).toMatchObject({ usagePercent: 64, health: 'ok' });
    expect(at({ contextTokens: 129_000 })).toMatchObject({ usagePercent: 65, health: 'elevated' });
  });

  it('turns critical at exactly 75% usage with the ceiling reason only', () => {
    expect(at({ contextTokens: 150_000 })).toMatchObject({ usagePercent: 75, reasons: ['context_ceiling'], nextAction: 'rotate', health: 'critical', nextThresholdSummary: 'rotate immediately' });
    expect(at({ contextTokens: 148_999 })).toMatchObject({ usagePercent: 74, health: 'elevated' });
  });

  it('needs more than 4 h since the last compaction for a compaction gap', () => {
    expect(at({ lastCompactionMs: NOW_MS - 4 * HOUR })).toMatchObject({ reasons: [], health: 'ok' });
    expect(at({ lastCompactionMs: NOW_MS - 4 * HOUR - 1 })).toMatchObject({ reasons: ['compaction_gap'], nextAction: 'compact', health: 'elevated' });
  });

  it('needs more than 8 h of session age to rotate', () => {
    expect(at({ sessionStartMs: NOW_MS - 8 * HOUR })).toMatchObject({ reasons: [], health: 'ok' });
    expect(at({ sessionStartMs: NOW_MS - 8 * HOUR - 1 })).toMatchObject({ reasons: ['session_age'], nextAction: 'rotate', health: 'critical' });
  });

  it('lists every reason that applies together', () => {
    const p = at({ contextTokens: 140_000, lastCompactionMs: NOW_MS - 5 * HOUR, sessionStartMs: NOW_MS - 9 * HOUR });
    expect(p.reasons).toEqual(['context_usage', 'compaction_gap', 'session_age']);
    expect(p.health).toBe('critical');
  });

  it('says the gap is unknown when no compaction is in the window, and has no verdict when nothing is known', () => {
    const noGap = at({ lastCompactionMs: null });
    expect(noGap.lastCompactionAgeMinutes).toBeNull();
    expect(noGap.notes.join(' ')).toMatch(/no compaction entry/);
    expect(at({ contextTokens: null, sessionStartMs: null, lastCompactionMs: null })).toMatchObject({ health: null, nextAction: null });
  });

  it('divides by the window it is given and says where the window came from', () => {
    const p = at({ contextTokens: 150_500, window: { window: 272_000, source: 'pi-ai', why: "pi-ai 0.70.2's registry entry for openai-codex/gpt-5.4" } });
    expect(p).toMatchObject({ usagePercent: 55, health: 'ok', contextWindow: 272_000, windowSource: 'pi-ai' });
    expect(p.notes[0]).toBe("context window 272000: pi-ai 0.70.2's registry entry for openai-codex/gpt-5.4");
  });

  it('is recomputed from a transcript at the 75% boundary', () => {
    const t = transcript().header().user(10, 'a').assistant(9, { stop: 'stop', text: 'b', tokens: 150_000 }).compaction(5);
    const s = parseSession(createContext(bundleFrom({ [A.sessionTranscript.id]: t.text() })));
    expect(s?.pressure).toMatchObject({ usagePercent: 75, health: 'critical', lastCompactionAgeMinutes: 5 });
  });
});
