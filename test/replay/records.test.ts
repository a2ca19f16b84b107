import { describe, expect, it } from 'vitest';
import { groupRecords, recordAt, recordHolding } from '../../src/replay/records.js';
import { bunConsole, bunErrorValue } from '../helpers/simulated-host/formats.js';
import { agentMailRegistrationFailed, econnrefused, sessionAppearsDead } from '../helpers/simulated-host/presets/records.js';

// bun's console output as the daemon really writes it (facts §1.1): objects over several lines, error frames at
// column 0 inside them, and strings with `\n` continuing unindented.

const group = (text: string) => groupRecords('files/gateway.err', text.split('\n'));

const PROMPT_FAILED = [
  'command-queue: prompt failed {',
  '  source: "telegram:123456",',
  '  consecutiveFailures: 2,',
  '  error: 12 |       throw new Error("Agent is already processing.");',
  '                    ^',
  'error: Agent is already processing.',
  '      at prompt (/x/agent-session.js:907:19)',
  ',',
  '}',
].join('\n');

describe('groupRecords', () => {
  it('keeps an object with an error frame, a caret, `error:` and a lone comma as one record', () => {
    const records = group(`[gateway] idle waiter extended for active maintenance {}\n${PROMPT_FAILED}\n[gateway] response ready`);
    expect(records.map((r) => [r.line, r.endLine])).toEqual([
      [1, 1],
      [2, 10],
      [11, 11],
    ]);
    expect(records[1]!.head).toBe('command-queue: prompt failed {');
    expect(records[1]!.text.split('\n')).toHaveLength(9);
  });

  it('treats every single-line message as its own record', () => {
    const records = group('[redis] suppressed 2 noise event(s): memory.observed\n[heartbeat] skipped tick (sleep mode)');
    expect(records.map((r) => r.head)).toEqual(['[redis] suppressed 2 noise event(s): memory.observed', '[heartbeat] skipped tick (sleep mode)']);
  });

  it('keeps the fallback notify text and its Reason and probe lines together', () => {
    const notify = '[gateway:fallback] ⚠️ Gateway falling back to openai-codex/gpt-5.4\nReason: no streaming tokens after 120s\nWill probe primary every 10min';
    const records = group(`${notify}\n[gateway] response ready {\n  length: 12,\n}`);
    expect(records.map((r) => r.line)).toEqual([1, 4]);
    expect(records[0]!.text).toContain('Reason: no streaming tokens after 120s');
  });

  it('starts a headless record when a cut tail begins inside an object', () => {
    const records = group('  consecutiveFailures: 3,\n  error: "terminated",\n}\n[gateway] response ready');
    expect(records.map((r) => r.head)).toEqual(['  consecutiveFailures: 3,', '[gateway] response ready']);
  });

  it('does not let an object whose closing brace never came swallow the rest of a long file', () => {
    const open = ['[gateway] uncaught exception {', ...Array.from({ length: 250 }, (_, i) => `  k${i}: ${i},`)];
    const records = group([...open, '[gateway] daemon started {', '  pid: 1,', '}'].join('\n'));
    expect(records[records.length - 1]!.head).toBe('[gateway] daemon started {');
  });

  it('ends a single-line record at a blank line and does not open an inline empty object', () => {
    const records = group('[gateway] session {}\n\n[gateway] response ready');
    expect(records.map((r) => r.head)).toEqual(['[gateway] session {}', '[gateway] response ready']);
  });

  describe('on what real Bun prints', () => {
    it('keeps console.warn(msg, error) whole: its `at` lines after a blank line are no orphan record', () => {
      const warn = agentMailRegistrationFailed();
      const records = group(`${warn}\n${sessionAppearsDead(3)}`);
      expect(records.map((r) => r.head)).toEqual([
        '[gateway] agent-mail registration failed (non-fatal): warn: Unable to connect. Is the computer able to access the url?',
        '[gateway:watchdog] session appears dead — too many consecutive prompt failures {',
      ]);
      expect(records[0]!.text).toContain('      at fail (/Users/joel/Code/joelhooks/joelclaw/packages/gateway/src/daemon.ts:');
    });

    it('keeps a lone Error printed with its code frame whole, a named error header included', () => {
      const log = bunConsole('log', '[gateway:redis] reconnect failed', econnrefused());
      const named = bunConsole('error', '[gateway] x', bunErrorValue('Call to getUpdates failed', { thrower: 'grammy-call-api' }));
      const records = group(`${log}\n${named}\n[gateway] response ready {\n  length: 1,\n}`);
      expect(records.map((r) => r.head.split(' ').slice(0, 2).join(' '))).toEqual(['[gateway:redis] reconnect', '[gateway] x', '[gateway] response']);
    });
  });
});

describe('recordAt and recordHolding', () => {
  it('finds the record that starts at a line, and nothing at a line inside or between records', () => {
    const records = [1, 2, 5, 9, 14, 30].map((line) => ({ line }));
    for (const r of records) expect(recordAt(records, r.line)).toBe(r);
    for (const line of [0, 3, 4, 10, 31]) expect(recordAt(records, line)).toBeUndefined();
    expect(recordAt([], 1)).toBeUndefined();
  });

  it('finds the record a line belongs to, and nothing for a line between records or past the last', () => {
    const records = [{ line: 1, endLine: 1 }, { line: 2, endLine: 4 }, { line: 7, endLine: 9 }];
    expect([1, 2, 3, 4, 5, 6, 7, 9, 10, 0].map((line) => recordHolding(records, line)?.line ?? null)).toEqual([1, 2, 2, 2, null, null, 7, 7, null, null]);
    expect(recordHolding([], 1)).toBeUndefined();
  });
});
