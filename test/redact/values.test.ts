import { describe, expect, it } from 'vitest';
import { createRedactor } from '../../src/redact/index.js';
import { isPlaceholder } from '../../src/redact/values.js';

// A placeholder holds no secret; a real token that merely contains a filler run (xxxx, ####) is a secret.
// The planted OpenAI key of the simulated hosts ends in "...KeyTailxxxxxxxx", which an unanchored /x{4,}/
// once took for a placeholder: the key then went into every bundle unredacted.

const realKeyWithFiller = `sk-proj-${'GwbundleFakeOpenAIKey'.padEnd(58, '0')}T3BlbkFJ${'gwbundleFakeOpenAIKeyTail'.padEnd(58, 'x')}`;

describe('isPlaceholder', () => {
  it('takes filler with little else for a placeholder', () => {
    for (const v of ['xxxxxxxx', 'ghp_xxxxxxxxxxxxxxxx', 'sk_test_****************', 'xoxb-####-####', 'abc...', 'sha256~XXXXXXXXXX_PUT_YOUR_TOKEN_HERE_XXXX']) {
      expect(isPlaceholder(v), v).toBe(true);
    }
  });

  it('does not take a long random token for a placeholder because it contains a filler run', () => {
    expect(isPlaceholder(realKeyWithFiller)).toBe(false);
    expect(isPlaceholder('ghp_R4nd0mT0k3nV4lu3sAbCdEfGh1234xxxx')).toBe(false);
    expect(isPlaceholder('Zm9vYmFyYmF6cXV4cXV1eA1234567890abcdef...')).toBe(false);
  });
});

describe('a token containing a filler run', () => {
  it('is redacted under a secret key in JSON, and bare in a log line', async () => {
    const r = createRedactor({ salt: Buffer.alloc(16, 1) });
    const json = await r.redactString(JSON.stringify({ providers: { openai: { apiKey: realKeyWithFiller } } }));
    expect(json.text).not.toContain('gwbundleFakeOpenAIKeyTail');
    const line = await r.redactString(`[gateway] request failed with key ${realKeyWithFiller}`);
    expect(line.text).not.toContain('gwbundleFakeOpenAIKeyTail');
  });
});
