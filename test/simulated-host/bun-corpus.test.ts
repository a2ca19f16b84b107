import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bunMethodOf, bunVersion, callKey, CORPUS_PATH, type Corpus, inCorpus, renderWithBun } from '../helpers/simulated-host/formats/bun.js';
import { PRESET_DRAFTS, presetConsoleCalls } from '../helpers/simulated-host/presets.js';

// The presets' gateway.log / gateway.err come from bun/console-corpus.json: these tests re-run the pinned
// Bun over it (so the committed text is what Bun prints) and check the presets read it whole.

const corpus = JSON.parse(readFileSync(CORPUS_PATH, 'utf8')) as Corpus;

describe('the Bun console corpus', () => {
  it('was printed by the Bun version the lockfile pins', () => {
    expect(corpus.bun).toBe(bunVersion());
  });

  it('holds exactly what that Bun prints for every call, re-run now', () => {
    const texts = renderWithBun(corpus.records.map((r) => r.call));
    expect(texts).toEqual(corpus.records.map((r) => r.text));
  });

  it('holds every console call the presets make (npm run formats regenerates it)', () => {
    const missing = presetConsoleCalls().filter((c) => !inCorpus(c)).map(callKey);
    expect(missing).toEqual([]);
  });

  it('has no call the presets no longer make', () => {
    const used = new Set(presetConsoleCalls().map(callKey));
    expect(corpus.records.map((r) => callKey(r.call)).filter((k) => !used.has(k))).toEqual([]);
  });
});

describe('preset logs', () => {
  it.each(Object.keys(PRESET_DRAFTS))('%s puts console.log records in gateway.log and warn/error ones in gateway.err', (name) => {
    const d = PRESET_DRAFTS[name]!();
    expect(d.gatewayLog.map(bunMethodOf).filter((m) => m !== undefined && m !== 'log')).toEqual([]);
    expect(d.gatewayErr.map(bunMethodOf).filter((m) => m === 'log')).toEqual([]);
  });
});
