import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONTEXT_WINDOWS_PATH, renderContextWindows } from '../../scripts/context-windows.js';
import { PI_AI_CONTEXT_WINDOWS } from '../../src/replay/context-windows.generated.js';

describe('the context-window table', () => {
  it('is what the pinned pi-ai registry ships (npm run formats regenerates it)', async () => {
    expect(readFileSync(CONTEXT_WINDOWS_PATH, 'utf8')).toBe(await renderContextWindows());
  });

  it("has the gateway's own models at pi-ai's figures", () => {
    expect(PI_AI_CONTEXT_WINDOWS['anthropic/claude-opus-4-6']).toBe(1_000_000);
    expect(PI_AI_CONTEXT_WINDOWS['openai-codex/gpt-5.4']).toBe(272_000);
  });
});
