import { describe, expect, it } from 'vitest';
import { A } from '../../../src/bundle/artifacts.js';
import { createContext } from '../../../src/replay/context.js';
import { STUCK_MS, parseSession } from '../../../src/replay/parse/session.js';
import { bundleFrom } from '../../helpers/bundle-from.js';
import { NOW_MS, transcript } from './session-fixture.js';

const parse = (text: string) => parseSession(createContext(bundleFrom({ [A.sessionTranscript.id]: text })));
const parsed = (text: string) => {
  const s = parse(text);
  if (!s) throw new Error('expected a parsed session');
  return s;
};

describe('parseSession', () => {
  it('returns null when the transcript was not collected', () => {
    expect(parseSession(createContext(bundleFrom({})))).toBeNull();
  });

  it('rebuilds one turn per user prompt with its completion line and channel', () => {
    const s = parsed(transcript().header().exchange(30, 'first').exchange(20, 'second', null).text());
    expect(s.header?.line).toBe(1);
    expect(s.entries).toBe(8);
    expect(s.turns.map((t) => [t.line, t.completion?.line, t.channel, t.human])).toEqual([
      [2, 5, 'telegram', true],
      [6, 9, null, false],
    ]);
    expect(s.turns[0]?.assistants).toBe(2);
    expect(s.turns[0]?.toolResults).toBe(1);
    expect(s.hanging).toBeNull();
  });

  it('keeps the text of prompts and replies but not of tool results, whose failures are kept as errors', () => {
    const s = parsed(transcript().header().exchange(30, 'first').toolResult(10, 'call_x', 'bash', true).text());
    expect(s.messages.map((m) => [m.role, m.text])).toEqual([
      ['user', 'first'],
      ['assistant', expect.stringContaining('bash')],
      ['toolResult', ''],
      ['assistant', 'answer to first'],
      ['toolResult', ''],
    ]);
    expect(s.errors).toEqual([expect.objectContaining({ kind: 'tool', text: 'bash: exit code 1: command failed' })]);
  });

  it('keeps assistant messages cut from their prompt by the window as a turn without a prompt', () => {
    const s = parsed(transcript({ cut: true }).header(300).assistant(40, { stop: 'stop', text: 'done' }).exchange(20).text());
    expect(s.turns).toHaveLength(2);
    expect(s.turns[0]?.prompt).toBe(false);
    expect(s.turns[0]?.completion?.line).toBe(2);
  });

  it('finds a tool call left without a result as a hanging tool, aged from its entry', () => {
    const t = transcript().header().exchange(30).user(8, 'deploy it').assistant(7.5, { stop: 'toolUse', toolCalls: [{ id: 'call_x', name: 'bash' }] });
    const s = parsed(t.text());
    expect(s.hanging).toMatchObject({ kind: 'tool', toolName: 'bash', line: 7, human: true, thresholdMs: STUCK_MS.human });
    expect(s.hanging?.ageMs).toBe(7.5 * 60_000);
  });

  it('finds a trailing user message as an unanswered prompt', () => {
    const s = parsed(transcript().header().exchange(30).user(12, 'hello?').text());
    expect(s.hanging).toMatchObject({ kind: 'prompt', line: 6, waitingOn: 'unanswered prompt' });
    expect(s.hanging?.ageMs).toBe(12 * 60_000);
  });

  it('uses the internal threshold for prompts whose preamble is not a human channel', () => {
    const s = parsed(transcript().header().user(5, 'cron tick', 'redis').text());
    expect(s.hanging).toMatchObject({ human: false, thresholdMs: STUCK_MS.internal });
    const human = parsed(transcript().header().user(5, 'hey', 'discord').text());
    expect(human.hanging).toMatchObject({ human: true, thresholdMs: STUCK_MS.human });
  });

  it('reports a turn waiting on the model after its tool results as a prompt-kind hang', () => {
    const t = transcript().header().user(9, 'check').assistant(8.9, { stop: 'toolUse', toolCalls: [{ id: 'c1', name: 'read' }] }).toolResult(8.5, 'c1', 'read');
    expect(parsed(t.text()).hanging).toMatchObject({ kind: 'prompt', line: 4, waitingOn: 'the model, after a tool result' });
  });

  it('collects assistant and tool errors and counts the trailing run of errored turns', () => {
    const t = transcript()
      .header()
      .exchange(50)
      .user(40, 'a').assistant(39, { stop: 'error', errorMessage: 'Authentication failed for "anthropic"' })
      .user(30, 'b').assistant(29, { stop: 'toolUse', toolCalls: [{ id: 'c9', name: 'bash' }] }).toolResult(28, 'c9', 'bash', true)
      .assistant(27, { stop: 'aborted' })
      .user(20, 'c').assistant(19, { stop: 'error', errorMessage: 'overloaded 529' });
    const s = parsed(t.text());
    expect(s.errors.map((e) => [e.kind, e.line])).toEqual([['assistant', 7], ['tool', 10], ['assistant', 11], ['assistant', 13]]);
    expect(s.errors[0]?.text).toBe('Authentication failed for "anthropic"');
    expect(s.trailingErrors).toBe(3);
    expect(parsed(t.exchange(10).text()).trailingErrors).toBe(0);
  });

  it('records model_change entries and model switches seen on assistant messages', () => {
    const t = transcript()
      .header()
      .exchange(50)
      .modelChange(45, 'openai-codex', 'gpt-5.4')
      .user(40, 'x').assistant(39, { stop: 'stop', text: 'y', model: 'gpt-5.4' })
      .user(30, 'z').assistant(29, { stop: 'stop', text: 'w', provider: 'anthropic', model: 'claude-opus-4-6' });
    const s = parsed(t.text());
    expect(s.modelChanges.map((m) => [m.line, m.model, m.via])).toEqual([
      [6, 'openai-codex/gpt-5.4', 'model_change'],
      [10, 'anthropic/claude-opus-4-6', 'assistant'],
    ]);
    expect(s.currentModel).toBe('anthropic/claude-opus-4-6');
  });

  it('counts compactions and rotation summaries and measures the gap from the newest compaction', () => {
    const s = parsed(transcript().header().exchange(50).compaction(45).exchange(40).compaction(25).rotationSummary(24).text());
    expect(s.compactions.map((c) => c.line)).toEqual([6, 11]);
    expect(s.rotations.map((r) => r.line)).toEqual([12]);
    expect(s.pressure.lastCompactionAgeMinutes).toBe(25);
  });

  it('takes context tokens from the newest assistant that did not error, summing parts when totalTokens is 0', () => {
    const t = transcript()
      .header()
      .user(20, 'a').assistant(19, { stop: 'stop', text: 'b', tokens: 0, parts: { input: 1000, output: 200, cacheRead: 120_000, cacheWrite: 800 } })
      .user(10, 'c').assistant(9, { stop: 'error', tokens: 190_000, errorMessage: 'boom' });
    const s = parsed(t.text());
    expect(s.usage).toMatchObject({ tokens: 122_000, line: 3 });
    expect(s.pressure.usagePercent).toBe(61);
    expect(s.pressure.windowSource).toBe('default');
  });

  it('flags prompts slower than the stuck threshold as long gaps, by channel', () => {
    const t = transcript()
      .header()
      .user(50, 'human slow').assistant(46, { stop: 'stop', text: 'ok' })
      .user(40, 'internal 4 min', null).assistant(36, { stop: 'stop', text: 'ok' })
      .user(30, 'internal 11 min', null).assistant(19, { stop: 'stop', text: 'ok' });
    const s = parsed(t.text());
    expect(s.gaps.map((g) => [g.line, g.endLine, g.human, g.ms / 60_000])).toEqual([
      [2, 3, true, 4],
      [6, 7, false, 11],
    ]);
  });

  it('counts lines that are not JSON or not pi entries and keeps going', () => {
    const s = parsed(transcript().header().raw('{"type":"message","id":"trunc').raw('{"no":"type"}').exchange(10).text());
    expect(s.badLines).toBe(2);
    expect(s.turns).toHaveLength(1);
    expect(s.turns[0]?.line).toBe(4);
  });

  it('measures session age from the first entry, or from the header when the window cut the start', () => {
    const whole = parsed(transcript().header(121).exchange(120).text());
    expect(whole.pressure.sessionAgeHours).toBe(2);
    const cut = parsed(transcript({ cut: true }).header(600).exchange(30).text());
    expect(cut.pressure.sessionAgeHours).toBe(10);
    expect(cut.pressure.reasons).toContain('session_age');
    expect(cut.pressure.notes.join(' ')).toMatch(/cut/);
    expect(NOW_MS - Date.parse(cut.header?.at ?? '')).toBe(600 * 60_000);
  });

  it('reads the old SKILL-era error and turn_end lines as turn endings', () => {
    const t = transcript()
      .header()
      .user(20, 'a').raw(JSON.stringify({ type: 'error', timestamp: new Date(NOW_MS - 19 * 60_000).toISOString(), error: 'model overloaded' }))
      .user(10, 'b').raw(JSON.stringify({ type: 'turn_end', timestamp: new Date(NOW_MS - 9 * 60_000).toISOString() }));
    const s = parsed(t.text());
    expect(s.turns.map((t) => t.completion?.stopReason)).toEqual(['error', 'stop']);
    expect(s.errors).toMatchObject([{ line: 3, text: 'model overloaded' }]);
    expect(s.hanging).toBeNull();
  });
});
