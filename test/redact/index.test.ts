import { describe, expect, it } from 'vitest';
import { A } from '../../src/bundle/artifacts.js';
import { createRedactor, reproducibleSalt } from '../../src/redact/index.js';
import { SALT } from './helpers.js';

const TOKEN = '7123456789:AAHdummyFAKE_tok-1234567890abcdefgh';
const markerOf = (text: string, rule: string): string | undefined =>
  new RegExp(`\\[REDACTED:${rule}:[0-9a-f]{6}\\]`).exec(text)?.[0];
const hexOf = (marker: string | undefined): string | undefined => marker?.slice(-7, -1);

describe('createRedactor', () => {
  it('gives the same value the same marker hex across artifacts and rules within one redactor', async () => {
    const r = createRedactor({ salt: SALT });
    const plist = await r.redactArtifact({
      ...A.launchAgentPlist,
      text: `<key>EnvironmentVariables</key><dict><key>TELEGRAM_BOT_TOKEN</key><string>${TOKEN}</string></dict>`,
    });
    const err = await r.redactArtifact({ ...A.gatewayErrLog, text: `getUpdates failed for bot${TOKEN}: 409 Conflict` });
    const fromPlist = hexOf(markerOf(plist.text, 'plist-env'));
    expect(fromPlist).toBeDefined();
    expect(hexOf(markerOf(err.text, 'telegram-bot-token'))).toBe(fromPlist);
  });

  it('gives a different marker for the same value under a different salt', async () => {
    const a = await createRedactor({ salt: SALT }).redactString(`token ${TOKEN}`);
    const b = await createRedactor({ salt: Buffer.alloc(32, 9) }).redactString(`token ${TOKEN}`);
    expect(a.text).not.toBe(b.text);
    expect(a.text).not.toContain(TOKEN);
    expect(b.text).not.toContain(TOKEN);
  });

  it('uses a random salt when none is given, so two bundles do not share markers', async () => {
    const a = await createRedactor().redactString(`token ${TOKEN}`);
    const b = await createRedactor().redactString(`token ${TOKEN}`);
    expect(a.text).not.toBe(b.text);
  });

  it('changes nothing when a redacted text is redacted again', async () => {
    const r = createRedactor({ salt: SALT });
    const inputs = [
      { ...A.gatewayErrLog, text: `Authorization: Bearer abc123def456ghi789\nredis://:pw-123456@localhost:6379 ${TOKEN}\n  botToken: "x-1234567890",` },
      { ...A.health, text: JSON.stringify({ token: 'abc123', nested: { payload: JSON.stringify({ apiKey: 'k-1', text: `see ${TOKEN}` }) } }, null, 2) },
      { ...A.startScript, text: 'export TELEGRAM_USER_ID=918273645\nexport SLACK_BOT_TOKEN="$(lease_secret_or_empty slack)"\n' },
    ];
    for (const input of inputs) {
      const once = await r.redactArtifact(input);
      expect(once.text).not.toBe(input.text);
      const twice = await r.redactArtifact({ ...input, text: once.text });
      expect(twice.text).toBe(once.text);
      expect(twice.counts).toEqual({});
    }
  });

  it('keeps a JSON document parseable and its formatting byte-for-byte outside the redacted values', async () => {
    const doc = { ok: true, status: { pid: 4242, model: 'openai-codex/gpt-5.4', password: 12345678, auth: { token: 'abc"quoted\\x' } } };
    const text = JSON.stringify(doc, null, 2);
    const out = await createRedactor({ salt: SALT }).redactArtifact({ ...A.health, text });
    const parsed = JSON.parse(out.text) as typeof doc;
    expect(parsed.status.pid).toBe(4242);
    expect(parsed.status.model).toBe('openai-codex/gpt-5.4');
    expect(String(parsed.status.password)).toMatch(/^\[REDACTED:json-secret-key:[0-9a-f]{6}\]$/);
    expect(out.text.split('\n').length).toBe(text.split('\n').length);
    expect(out.counts['json-secret-key']).toBe(2);
  });

  it('redacts secrets inside JSON strings that themselves hold JSON, and keeps both levels valid', async () => {
    const payload = JSON.stringify({ source: 'telegram:123456', prompt: `my key is sk-ant-api03-${'a1'.repeat(20)}`, token: 'inner-secret-1' });
    const text = JSON.stringify({ entries: [{ id: '1764244800000-0', fields: { payload, priority: '1' } }] }, null, 2);
    const out = await createRedactor({ salt: SALT }).redactArtifact({ ...A.redisMessagesStream, text });
    expect(out.text).not.toContain('inner-secret-1');
    expect(out.text).not.toContain('a1a1a1a1');
    const inner = JSON.parse((JSON.parse(out.text) as { entries: Array<{ id: string; fields: { payload: string } }> }).entries[0]?.fields.payload ?? '') as Record<string, string>;
    expect(inner.source).toBe('telegram:123456');
    expect(out.text).toContain('1764244800000-0');
  });

  it('sends a JSONL line that does not parse through the text rules instead of passing it untouched', async () => {
    const good = JSON.stringify({ type: 'message', id: 'a1b2c3d4', message: { role: 'user', content: 'hi' } });
    const broken = `{"type":"message","id":"b2c3d4e5","message":{"content":"export GITHUB_TOKEN=ghp_${'Ab1'.repeat(12)}`;
    const out = await createRedactor({ salt: SALT }).redactArtifact({ ...A.sessionTranscript, text: `${good}\n${broken}\n` });
    const [first, second, last] = out.text.split('\n');
    expect(first).toBe(good);
    expect(second).not.toContain('Ab1Ab1');
    expect(second).toContain('"id":"b2c3d4e5"');
    expect(last).toBe('');
  });

  it('keeps plist keys outside EnvironmentVariables readable', async () => {
    const text = [
      '<dict>',
      '<key>Label</key><string>com.joel.gateway</string>',
      '<key>EnvironmentVariables</key><dict><key>SLOG_SYSTEM_ID</key><string>panda</string></dict>',
      '<key>StandardErrorPath</key><string>/tmp/joelclaw/gateway.err</string>',
      '</dict>',
    ].join('\n');
    const out = await createRedactor({ salt: SALT }).redactArtifact({ ...A.launchDaemonPlist, text });
    expect(out.text).toContain('<string>com.joel.gateway</string>');
    expect(out.text).toContain('<string>/tmp/joelclaw/gateway.err</string>');
    expect(out.text).toContain('<key>SLOG_SYSTEM_ID</key>');
    expect(out.text).not.toContain('panda');
    expect(out.counts).toEqual({ 'plist-env': 1 });
  });

  it('finds every token of a very long line, also where the keyword windows of the line are cut', async () => {
    const tokens = Array.from({ length: 12 }, (_, i) => `ghp_${String(i).padStart(2, '0')}${'Zx9'.repeat(11)}A`);
    // tokens about one window length apart, so some straddle a window's cut end
    const line = tokens.map((t, i) => `${'word '.repeat(3270 + i * 3)}${t}`).join(' ');
    const out = await createRedactor({ salt: SALT }).redactArtifact({ ...A.gatewayLog, text: `${line}\n` });
    for (const t of tokens) expect(out.text).not.toContain(t.slice(8, 20));
    expect(out.counts['github-token']).toBe(tokens.length);
  });

  it('hides a PEM block cut before its END line through the whole rest of its body', async () => {
    const body = 'MIIEowIBAAKCAQEApemFakeBodyLine0123456789abcdefABCDEF';
    const text = `tool result:\n  -----BEGIN RSA PRIVATE KEY-----\n  Proc-Type: 4,ENCRYPTED\n\n  ${body}\n  ${body.toLowerCase()}\n  ${body}==`;
    const out = await createRedactor({ salt: SALT }).redactArtifact({ ...A.gatewayErrLog, text });
    expect(out.text).toBe('tool result:\n  [REDACTED:pem-private-key:' + (out.text.match(/pem-private-key:([0-9a-f]{6})/)?.[1] ?? '') + ']');
  });

  it('hides the password of a Redis URL given as an option string and keeps the host', async () => {
    const out = await createRedactor({ salt: SALT }).redactString('redis://default:s3cr3t-pw@redis.local:6379/0');
    expect(out.text).not.toContain('s3cr3t-pw');
    expect(out.text).toMatch(/^redis:\/\/default:\[REDACTED:url-credentials:[0-9a-f]{6}\]@redis\.local:6379\/0$/);
  });
});

describe('bad input', () => {
  it('is refused with a one-line error naming the artifact, not a crash deep inside a rule', async () => {
    const r = createRedactor({ salt: SALT });
    const bad = { ...A.gatewayErrLog, text: undefined as unknown as string };
    await expect(r.redactArtifact(bad)).rejects.toThrow(/^redaction of files\/gateway\.err: text must be a string, got undefined$/);
    await expect(r.redactString(42 as unknown as string)).rejects.toThrow('redactString: expected a string, got number');
  });

  it('passes empty text and text without secrets through unchanged', async () => {
    const r = createRedactor({ salt: SALT });
    expect(await r.redactArtifact({ ...A.sessionTranscript, text: '' })).toEqual({ text: '', counts: {} });
    const plain = '[gateway] session {\n  mode: "resumed",\n  entries: 412,\n}\n';
    expect(await r.redactArtifact({ ...A.gatewayLog, text: plain })).toEqual({ text: plain, counts: {} });
  });
});

describe('reproducibleSalt', () => {
  it('is the same for the same SOURCE_DATE_EPOCH and differs with another epoch or an extra secret', () => {
    expect(reproducibleSalt('1764244800')).toEqual(reproducibleSalt('1764244800'));
    expect(reproducibleSalt('1764244800')).not.toEqual(reproducibleSalt('1764244801'));
    expect(reproducibleSalt('1764244800', 'local')).not.toEqual(reproducibleSalt('1764244800'));
    expect(reproducibleSalt('1764244800').length).toBe(32);
  });
});
