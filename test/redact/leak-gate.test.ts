import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { A } from '../../src/bundle/artifacts.js';
import { openBundle } from '../../src/bundle/reader.js';
import { createRedactor, LEAK_GATE_RULE } from '../../src/redact/index.js';
import { SALT } from './helpers.js';

const GH = `ghp_${'Gh4'.repeat(12)}`;
const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures', 'bundles');

describe('the leak gate', () => {
  const r = createRedactor({ salt: SALT });

  it('redacts and counts a token the content-type pass could not see, here a JSON key', async () => {
    const doc = JSON.stringify({ seen: { [GH]: 1 } });
    const redacted = await r.redactArtifact({ ...A.health, text: doc });
    expect(redacted.text).toContain(GH); // keys are not values: the JSON pass leaves them
    const gated = r.leakGate(redacted.text);
    expect(gated.count).toBe(1);
    expect(gated.text).not.toContain(GH);
    expect(gated.text).toMatch(/\[REDACTED:leak-gate:[0-9a-f]{6}\]/);
    expect(() => JSON.parse(gated.text)).not.toThrow();
  });

  it('finds nothing in a text the redactor has already been through', async () => {
    const text = `token ${GH}\nexport OPENAI_API_KEY=sk-proj-${'Xy7'.repeat(10)}\nxoxb-1234567890-1234567890123-SlackFakeSlackFake0123\n`;
    const redacted = await r.redactArtifact({ ...A.gatewayErrLog, text });
    expect(r.leakGate(redacted.text)).toEqual({ text: redacted.text, count: 0 });
  });

  it('leaves names and references alone: it runs the token formats only', () => {
    const text = 'password=hunter2 sessionKey=telegram:123456 Authorization: Bearer $TOKEN';
    expect(r.leakGate(text)).toEqual({ text, count: 0 });
  });
});

describe.each(readdirSync(FIXTURES).filter((f) => f.endsWith('.tar.gz')))('fixture bundle %s', (file) => {
  it('records no leak-gate hit, and the gate finds nothing in any artifact', async () => {
    const view = await openBundle(join(FIXTURES, file));
    expect(view.manifest.redaction.totals[LEAK_GATE_RULE] ?? 0).toBe(0);
    const r = createRedactor({ salt: SALT });
    for (const id of view.ids()) {
      const text = view.text(id);
      if (text !== undefined) expect(r.leakGate(text).count, id).toBe(0);
    }
  });
});
