import { describe, expect, it } from 'vitest';
import { A } from '../../src/bundle/artifacts.js';
import { createContext } from '../../src/replay/context.js';
import { contextWindow } from '../../src/replay/context-window.js';
import { parseSession } from '../../src/replay/parse/session.js';
import { bundleFrom } from '../helpers/bundle-from.js';
import { healthResponse, piModelsJson } from '../helpers/simulated-host/formats.js';
import { assistantText, modelChange, sessionJsonl, userMessage } from '../helpers/simulated-host/formats/session-jsonl.js';
import { minutesBefore } from '../helpers/simulated-host/spec.js';

// The window session pressure divides by, resolved as the daemon would (facts §8.4), over transcripts that
// pi's SessionManager writes.

const OPUS = { provider: 'anthropic', model: 'claude-opus-4-6', api: 'anthropic-messages' };

/** 150,500 tokens on claude-opus-4-6, then the fallback swap to openai-codex/gpt-5.4 (the case). */
const switchedToGpt54 = () =>
  sessionJsonl('0c9e1f2a-0000-4000-8000-0000000000c1', minutesBefore(60), [
    userMessage('summarize the week', minutesBefore(20)),
    assistantText('Here is the week...', minutesBefore(19), { model: OPUS, totalTokens: 150_500 }),
    modelChange('openai-codex', 'gpt-5.4', minutesBefore(10)),
  ]);

const pressureOf = (artifacts: Parameters<typeof bundleFrom>[0]) => parseSession(createContext(bundleFrom(artifacts)))!.pressure;

describe('the context window', () => {
  it('is the window of the model in force after the last model_change, not of the last usage', () => {
    const p = pressureOf({ [A.sessionTranscript.id]: switchedToGpt54() });
    expect(p).toMatchObject({ contextWindow: 272_000, windowSource: 'pi-ai', usagePercent: 55, health: 'ok', nextAction: 'observe' });
    expect(p.windowWhy).toBe("pi-ai 0.70.2's registry entry for openai-codex/gpt-5.4");
  });

  it("is pi-ai's 1000000 for claude-opus-4-6, not 200000", () => {
    const text = sessionJsonl('0c9e1f2a-0000-4000-8000-0000000000c2', minutesBefore(60), [
      userMessage('summarize the week', minutesBefore(20)),
      assistantText('Here is the week...', minutesBefore(19), { model: OPUS, totalTokens: 150_500 }),
    ]);
    expect(pressureOf({ [A.sessionTranscript.id]: text })).toMatchObject({ contextWindow: 1_000_000, usagePercent: 15, health: 'ok' });
  });

  it("is the machine's models.json entry for a custom model (the gateway's gpt-5.6-sol), or its override of a built-in one", () => {
    const ctx = createContext(bundleFrom({ [A.piModels.id]: piModelsJson({ primaryContextWindow: 400_000 }) }));
    expect(contextWindow(ctx, 'openai-codex/gpt-5.6-sol')).toMatchObject({ window: 400_000, source: 'models.json', evidence: { artifact: A.piModels.id, line: 6, excerpt: '"id": "gpt-5.6-sol",' } });
    const override = JSON.stringify({ providers: { 'openai-codex': { modelOverrides: { 'gpt-5.4': { contextWindow: 200_000 } } } } });
    expect(contextWindow(createContext(bundleFrom({ [A.piModels.id]: override })), 'openai-codex/gpt-5.4')).toMatchObject({ window: 200_000, source: 'models.json' });
    const bare = JSON.stringify({ providers: { ollama: { baseUrl: 'http://localhost:11434/v1', api: 'openai-completions', apiKey: 'x', models: [{ id: 'qwen3:32b' }] } } });
    expect(contextWindow(createContext(bundleFrom({ [A.piModels.id]: bare })), 'ollama/qwen3:32b')).toMatchObject({ window: 128_000, source: 'models.json' });
  });

  it("is /health's own figure when the daemon answered, whatever the transcript says", () => {
    const health = healthResponse({ maxTokens: 272_000, contextTokens: 150_500 });
    const p = pressureOf({ [A.sessionTranscript.id]: switchedToGpt54(), [A.health.id]: { content: health.body, httpStatus: health.status } });
    expect(p).toMatchObject({ contextWindow: 272_000, windowSource: 'health' });
    expect(p.windowWhy).toMatch(/^the daemon's own figure for openai-codex\/gpt-5\.6-sol \(\/health status\.sessionPressure\.maxTokens\)$/);
  });

  it("is the daemon's 200000 default for a model no registry knows, and says so", () => {
    const ctx = createContext(bundleFrom({}));
    expect(contextWindow(ctx, 'openai-codex/gpt-5.6-sol')).toMatchObject({ window: 200_000, source: 'default' });
    expect(contextWindow(ctx, 'openai-codex/gpt-5.6-sol').why).toMatch(/in neither ~\/\.pi\/agent\/models\.json nor pi-ai 0\.70\.2's registry/);
  });
});
