import { describe, expect, it } from 'vitest';
import { A } from '../../src/bundle/artifacts.js';
import { createContext } from '../../src/replay/context.js';
import { sessionSummary } from '../../src/replay/session-summary.js';
import { bundleFrom } from '../helpers/bundle-from.js';
import { ago, transcript } from './parse/session-fixture.js';

const summarize = (text: string | undefined) =>
  sessionSummary(createContext(bundleFrom(text === undefined ? {} : { [A.sessionTranscript.id]: { content: text, source: { path: '/Users/joel/.joelclaw/sessions/gateway/x.jsonl' } } })));

describe('sessionSummary', () => {
  it('is null without a transcript', () => {
    expect(summarize(undefined)).toBeNull();
  });

  it('counts prompts, unanswered prompts, errors and compactions', () => {
    const t = transcript({ id: '0c9e1f2a-3b4c-4d5e-8f90-000000000001' })
      .header()
      .exchange(50)
      .user(40, 'x').assistant(39, { stop: 'toolUse', toolCalls: [{ id: 'c2', name: 'bash' }] }).toolResult(38, 'c2', 'bash', true)
      .assistant(37, { stop: 'error', errorMessage: 'rate_limit 429' })
      .compaction(30)
      .user(4, 'anyone?');
    const s = summarize(t.text());
    expect(s).toMatchObject({
      sessionId: '0c9e1f2a-3b4c-4d5e-8f90-000000000001',
      file: '/Users/joel/.joelclaw/sessions/gateway/x.jsonl',
      entries: 10,
      turns: 3,
      userPrompts: 3,
      unanswered: 1,
      errors: 1,
      toolErrors: 1,
      compactions: 1,
      lastCompactionAgeMinutes: 30,
      hangingTurn: { since: ago(4), kind: 'prompt', ageMinutes: 4 },
    });
  });

  it('shows the last six user and assistant messages without the channel preamble, cut to 160 chars', () => {
    const long = 'word '.repeat(80);
    const s = summarize(transcript().header().exchange(50, 'one').exchange(40, 'two').user(30, long).assistant(29, { stop: 'stop', text: 'short' }).text());
    expect(s?.lastExchange).toHaveLength(6);
    expect(s?.lastExchange.map((m) => m.role)).toEqual(['assistant', 'user', 'assistant', 'assistant', 'user', 'assistant']);
    const prompt = s?.lastExchange[4]?.preview ?? '';
    expect(prompt.startsWith('word word')).toBe(true);
    expect(prompt).toHaveLength(160);
    expect(s?.lastExchange.some((m) => m.preview.includes('Channel:'))).toBe(false);
    expect(s?.lastExchange[2]?.preview).toBe('[tool call bash]');
    expect(s?.lastExchange[1]?.preview).toBe('two');
  });

  it('carries model changes, the current model and the pressure numbers', () => {
    const t = transcript()
      .header(200)
      .modelChange(190, 'openai-codex', 'gpt-5.4')
      .user(180, 'q').assistant(179, { stop: 'stop', text: 'a', model: 'gpt-5.4', tokens: 140_000 });
    const s = summarize(t.text());
    expect(s).toMatchObject({
      modelChanges: [{ at: ago(190), model: 'openai-codex/gpt-5.4' }],
      currentModel: 'openai-codex/gpt-5.4',
      contextTokens: 140_000,
      contextWindow: 272_000,
      contextWindowWhy: "pi-ai 0.70.2's registry entry for openai-codex/gpt-5.4",
      usagePercent: 51,
      sessionAgeHours: 3.17,
      lastCompactionAgeMinutes: null,
      pressure: 'ok',
    });
  });
});
