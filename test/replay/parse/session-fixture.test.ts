import { describe, expect, it } from 'vitest';
import { assistantText, assistantToolCall, compaction, modelChange, sessionJsonl, toolResult, userMessage } from '../../helpers/simulated-host/formats/session-jsonl.js';
import { ago, transcript } from './session-fixture.js';

// The parser tests' hand-built transcripts must have the shape pi writes: the same entries, written by pi's
// own SessionManager, give the same keys at every level.

/** Every key path of a JSON value (array items merged), sorted. */
function keyPaths(v: unknown, at = ''): string[] {
  if (Array.isArray(v)) return [...new Set(v.flatMap((x) => keyPaths(x, `${at}[]`)))].sort();
  if (v === null || typeof v !== 'object') return [at];
  return Object.entries(v).flatMap(([k, x]) => keyPaths(x, at ? `${at}.${k}` : k)).sort();
}
const shapes = (jsonl: string) => jsonl.trimEnd().split('\n').map((l) => keyPaths(JSON.parse(l)));

describe('the session fixture', () => {
  it("writes the entries pi's SessionManager writes, key for key", () => {
    const fixture = transcript({ id: 's-1' }).header(60)
      .user(50, 'status?').assistant(49.9, { stop: 'toolUse', toolCalls: [{ id: 'call_1', name: 'bash' }] }).toolResult(49.8, 'call_1', 'bash')
      .assistant(49.7, { stop: 'stop', text: 'fine' }).modelChange(40, 'openai-codex', 'gpt-5.4').compaction(30);
    const pi = sessionJsonl('s-1', ago(60), [
      userMessage('status?', ago(50)),
      assistantToolCall('call_1', 'bash', { command: 'joelclaw status' }, ago(49.9)),
      toolResult('call_1', 'bash', 'ok', ago(49.8)),
      assistantText('fine', ago(49.7)),
      modelChange('openai-codex', 'gpt-5.4', ago(40)),
      compaction(141_200, ago(30)),
    ]);
    // the fixture's assistants also carry a thinking block, which pi writes when the model reasons
    const withoutThinking = shapes(fixture.text()).map((paths) => paths.filter((p) => !/thinking/i.test(p)));
    expect(withoutThinking).toEqual(shapes(pi));
  });
});
