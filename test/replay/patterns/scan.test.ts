import { describe, expect, it } from 'vitest';
import { A } from '../../../src/bundle/artifacts.js';
import { createContext } from '../../../src/replay/context.js';
import { MAX_HIT_LINES, patternCounts, scanPatterns, scanPatternsWhere, scanRecords } from '../../../src/replay/patterns/scan.js';
import { bundleFrom } from '../../helpers/bundle-from.js';

// The scan counts grouped records, not physical lines: the real diagnose counts one busy prompt failure 2-3 times
// because bun's code frame repeats the thrower (facts §6).

const ERR = A.gatewayErrLog.id;
const LOG = A.gatewayLog.id;

const BUSY_FAILURE = [
  'command-queue: prompt failed {',
  '  source: "telegram:123456",',
  '  consecutiveFailures: 3,',
  '  error: 907 |       throw new Error("Agent is already processing. Specify streamingBehavior (\'steer\' or \'followUp\') to queue the message.");',
  '                     ^',
  "error: Agent is already processing. Specify streamingBehavior ('steer' or 'followUp') to queue the message.",
  '      at prompt (/Users/joel/.bun/install/cache/pi-coding-agent/dist/core/agent-session.js:907:19)',
  ',',
  '}',
].join('\n');
const RETRY = 'command-queue: session still streaming, retrying {\n  attempt: 1,\n  source: "telegram:123456",\n  delayMs: 2000,\n}';

const ctxOf = (files: Record<string, string>) => createContext(bundleFrom(files));

describe('scanPatterns', () => {
  it('counts one busy prompt failure once even though its code frame repeats the thrower', () => {
    const text = `${RETRY}\n${RETRY}\n${BUSY_FAILURE}\n`;
    const physical = text.split('\n').filter((l) => /Agent is already processing/.test(l)).length;
    const hits = scanPatterns(ctxOf({ [ERR]: text }));
    const busy = hits.find((h) => h.id === 'session-busy');
    expect(physical).toBeGreaterThan(1);
    expect(busy).toMatchObject({ count: 1, artifact: ERR, lastLine: 11, lines: [11], lastText: 'command-queue: prompt failed {' });
    expect(hits.find((h) => h.id === 'prompt-failure')).toMatchObject({ count: 1, capture: 'consecutiveFailures: 3' });
    expect(hits.find((h) => h.id === 'streaming-retry')).toMatchObject({ count: 2, lastLine: 6, lines: [1, 6] });
  });

  it('scans each log only for the rows that name it, and reports each log separately', () => {
    const activated = '[gateway:fallback] activated {\n  reason: "no streaming tokens after 120s",\n  fallback: "openai-codex/gpt-5.4",\n  activationCount: 1,\n}';
    const notify = '[gateway:fallback] ⚠️ Gateway falling back to openai-codex/gpt-5.4\nReason: no streaming tokens after 120s\nWill probe primary every 10min';
    const dedup = '[command-queue] dropped consecutive duplicate {\n  source: "telegram:1",\n}';
    const hits = scanPatterns(ctxOf({ [ERR]: `${activated}\n${dedup}\n`, [LOG]: `${dedup}\n${notify}\n` }));
    const fallback = hits.filter((h) => h.id === 'model-fallback').map((h) => [h.artifact, h.count]);
    expect(fallback.sort()).toEqual([
      [ERR, 1],
      [LOG, 1],
    ]);
    expect(hits.filter((h) => h.id === 'dedup-dropped').map((h) => h.artifact)).toEqual([LOG]);
    expect(hits.filter((h) => h.id === 'model-timeout').map((h) => h.artifact)).toEqual([ERR]);
  });

  it('sorts errors before warnings and the most frequent first within a severity', () => {
    const langfuse = "langfuse-cost: cannot load optional dependency 'langfuse'; telemetry disabled.";
    const stuck = '[gateway:watchdog] session appears stuck — attempting abort {\n  stuckForMs: 185000,\n}';
    const dead = '[gateway:watchdog] session appears dead — too many consecutive prompt failures';
    const hits = scanPatterns(ctxOf({ [ERR]: [langfuse, RETRY, RETRY, langfuse, RETRY, stuck, dead, stuck].join('\n') }));
    expect(hits.map((h) => h.id)).toEqual(['watchdog-stuck', 'watchdog-dead', 'streaming-retry', 'langfuse-optional']);
  });

  it('keeps only the newest line numbers when a pattern matches very often', () => {
    const many = Array.from({ length: MAX_HIT_LINES + 10 }, () => '[redis] mode read failed — defaulting to active').join('\n');
    const [hit] = scanPatterns(ctxOf({ [ERR]: many }));
    expect(hit?.count).toBe(MAX_HIT_LINES + 10);
    expect(hit?.lines).toHaveLength(MAX_HIT_LINES);
    expect(hit?.lines[0]).toBe(11);
    expect(hit?.lastLine).toBe(MAX_HIT_LINES + 10);
  });

  it('cuts the last text to 200 characters', () => {
    const long = `[gateway] unhandled rejection ${'x'.repeat(400)}`;
    const [hit] = scanPatterns(ctxOf({ [ERR]: long }));
    expect(hit?.lastText).toHaveLength(200);
  });

  it('finds nothing when neither log was collected, and memoizes the scan per context', () => {
    const empty = ctxOf({});
    expect(scanPatterns(empty)).toEqual([]);
    const ctx = ctxOf({ [ERR]: RETRY });
    expect(scanPatterns(ctx)).toBe(scanPatterns(ctx));
  });

  it('sums matching records per pattern over both logs, or for one log', () => {
    const conflict = "GrammyError: Call to 'getUpdates' failed! (409: Conflict: terminated by other getUpdates request)";
    const ctx = ctxOf({ [ERR]: `${conflict}\n${conflict}\n`, [LOG]: `${conflict}\n` });
    expect(patternCounts(ctx)['telegram-conflict']).toBe(3);
    expect(patternCounts(ctx, LOG)).toEqual({ 'telegram-conflict': 1 });
  });
});

describe('scanPatternsWhere', () => {
  it('gives the hits of the records whose first line passes, as a scan of only those records would', () => {
    const text = `${RETRY}\n${BUSY_FAILURE}\n${RETRY}\n${RETRY}\n${BUSY_FAILURE}\n`;
    const ctx = ctxOf({ [ERR]: text });
    const records = ctx.records(ERR) ?? [];
    const split = records[2]!.line;
    for (const keep of [(l: number) => l >= split, (l: number) => l < split, () => true, () => false]) {
      expect(scanPatternsWhere(ctx, ERR, keep)).toEqual(scanRecords(ERR, records.filter((r) => keep(r.line))));
    }
    expect(scanPatternsWhere(ctx, ERR, (l) => l >= split).find((h) => h.id === 'streaming-retry')).toMatchObject({ count: 2, lines: [records[2]!.line, records[3]!.line] });
    expect(scanPatternsWhere(ctxOf({}), ERR, () => true)).toEqual([]);
  });
});
