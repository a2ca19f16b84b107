import { describe, expect, it } from 'vitest';
import { A } from '../../src/bundle/artifacts.js';
import { createRedactor } from '../../src/redact/index.js';
import type { ArtifactText } from '../../src/redact/types.js';
import { SALT } from './helpers.js';

// Canary secrets planted in every artifact kind the collector stages (sos-style stage-two test): none may
// survive, while the evidence a diagnosis reads must.

const S = {
  telegram: '7123456789:AAHdummyFAKE_tok-1234567890abcdefgh',
  anthropic: `sk-ant-api03-${'Zq9'.repeat(12)}`,
  openai: `sk-proj-${'Xy7'.repeat(10)}`,
  github: `ghp_${'Gh4'.repeat(12)}`,
  slack: 'xoxb-1234567890-1234567890123-SlackFakeSlackFake0123',
  discord: 'MTIzNDU2Nzg5MDEyMzQ1Njc4OQ.GaBcDe.DiscordFakeDiscordFake012345678',
  awsId: 'AKIAZ7FAKE0EXAMPLE12',
  awsSecret: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYFAKEKEY012',
  jwt: 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzeXN0ZW06c2EifQ.Sig-Fake_Signature0123',
  bearer: 'BearerFake0123456789',
  redisPass: 'r3dis-Pass-word',
  pemBody: 'MIIEowIBAAKCAQEApemFakeBodyLine0123456789abcdefABCDEF',
  kubeToken: 'kube-token-literal-0123456789',
  kubeKeyData: 'LS0tLS1CRUdJTiBFQyBQUklWQVRFIEtFWS0tLS0tCmt1YmVmYWtl',
  userId: '918273645',
  plainEnv: 'plain-env-literal-secret',
  jsonKey: 'json-key-literal-secret',
  envPair: 'env-pair-literal-secret',
  botObj: 'bun-object-literal-secret',
};

const EVIDENCE = [
  'Authentication failed for "anthropic". Credentials may have expired',
  'command-queue: prompt failed',
  'consecutiveFailures: 2',
  '0c9e1f2a-3b4c-4d5e-8f90-a1b2c3d4e5f6',
  '1764244800000-0',
  'a1b2c3d4',
  'gpt-5.6-sol',
  'openai-codex/gpt-5.4',
  'claude-opus-4-6',
  'pid: 4242',
  'telegram:123456',
  'joelclaw:gateway:messages',
  'TELEGRAM_BOT_TOKEN',
  'lease_secret_or_empty telegram_bot_token',
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  'GATEWAY_TRANSPORT_SLIM_DOWN=1',
  '/tmp/joelclaw/gateway.err',
  'redis.local:6379',
  'totalTokens',
];

const pem = `-----BEGIN RSA PRIVATE KEY-----\n${S.pemBody}\n${S.pemBody}\n-----END RSA PRIVATE KEY-----`;

const corpus: ArtifactText[] = [
  {
    ...A.launchAgentPlist,
    text: `<?xml version="1.0" encoding="UTF-8"?>\n<plist version="1.0">\n<dict>\n\t<key>Label</key>\n\t<string>com.joel.gateway</string>\n\t<key>EnvironmentVariables</key>\n\t<dict>\n\t\t<key>TELEGRAM_BOT_TOKEN</key>\n\t\t<string>${S.telegram}</string>\n\t\t<key>CUSTOM</key>\n\t\t<string>${S.plainEnv}</string>\n\t</dict>\n\t<key>StandardErrorPath</key>\n\t<string>/tmp/joelclaw/gateway.err</string>\n</dict>\n</plist>\n`,
  },
  {
    ...A.startScript,
    text: `#!/bin/bash\necho "gateway-start.sh invoked"\nexport TELEGRAM_BOT_TOKEN="$(lease_secret_or_empty telegram_bot_token)"\nexport TELEGRAM_USER_ID=${S.userId}\nSLACK_BOT_TOKEN=${S.slack}\nexport GATEWAY_TRANSPORT_SLIM_DOWN=1\nexport PI_MODEL=gpt-5.6-sol\nexport REDIS_PASSWORD=${S.redisPass}\n`,
  },
  {
    ...A.gatewayErrLog,
    text: [
      'command-queue: prompt failed {',
      '  source: "telegram:123456",',
      '  consecutiveFailures: 2,',
      '  error: 12 | const res = await fetch(url, { headers })',
      '               ^',
      'error: Authentication failed for "anthropic". Credentials may have expired',
      `  request: "Authorization: Bearer ${S.bearer}",`,
      `  botToken: "${S.botObj}",`,
      '      at prompt (/x/agent-session.js:10:5)',
      ',',
      '}',
      `[gateway:telegram] getUpdates https://api.telegram.org/bot${S.telegram}/getUpdates 409: Conflict`,
      `[gateway:redis] command error { error: "connect redis://:${S.redisPass}@redis.local:6379 refused" }`,
      `aws ${S.awsId} aws_secret_access_key=${S.awsSecret}`,
      `dedup key sha256 e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855`,
      pem,
    ].join('\n'),
  },
  {
    ...A.gatewayLog,
    text: `[gateway] daemon started {\n  pid: 4242,\n  sessionId: "0c9e1f2a-3b4c-4d5e-8f90-a1b2c3d4e5f6",\n  model: "gpt-5.6-sol",\n}\n[gateway:fallback] ⚠️ Gateway falling back to openai-codex/gpt-5.4\nslack ${S.slack} discord ${S.discord}\n`,
  },
  {
    ...A.sessionTranscript,
    text: [
      JSON.stringify({ type: 'session', version: 3, id: '0c9e1f2a-3b4c-4d5e-8f90-a1b2c3d4e5f6', timestamp: '2026-11-27T11:00:00.000Z', cwd: '/Users/joel' }),
      JSON.stringify({ type: 'message', id: 'a1b2c3d4', parentId: null, message: { role: 'assistant', content: [{ type: 'toolCall', id: 'call_1', name: 'bash', arguments: { command: `export ANTHROPIC_API_KEY=${S.anthropic} && curl -H "x-api-key: ${S.openai}" https://api` } }], model: 'claude-opus-4-6', usage: { totalTokens: 41940 }, stopReason: 'toolUse' } }),
      JSON.stringify({ type: 'message', id: 'b2c3d4e5', parentId: 'a1b2c3d4', message: { role: 'toolResult', content: [{ type: 'text', text: `${pem}\n${S.github}` }], isError: false } }),
      `{"type":"message","id":"c3d4e5f6","message":{"role":"user","content":"my token ${S.telegram} and ${S.jwt}`,
    ].join('\n'),
  },
  {
    ...A.redisMessagesStream,
    text: JSON.stringify({ key: 'joelclaw:gateway:messages', entries: [{ id: '1764244800000-0', fields: { payload: JSON.stringify({ source: 'telegram:123456', prompt: `use ${S.github}`, token: S.jsonKey }), metadata: '', priority: '1' } }] }, null, 2),
  },
  {
    ...A.health,
    text: JSON.stringify({ ok: false, status: { pid: 4242, model: 'openai-codex/gpt-5.4', channels: { discord: { botToken: S.discord } }, runtime: { lastError: `redis://:${S.redisPass}@redis.local:6379 ECONNREFUSED` } }, components: { session: 'stuck (240s)' } }),
  },
  {
    ...A.k8sPods,
    text: JSON.stringify({ items: [{ metadata: { name: 'redis-0', annotations: { 'kubectl.kubernetes.io/last-applied-configuration': JSON.stringify({ spec: { containers: [{ env: [{ name: 'REDIS_PASSWORD', value: S.envPair }] }] } }) } }, spec: { containers: [{ env: [{ name: 'SLACK_BOT_TOKEN', value: S.slack }, { name: 'PI_MODEL', value: 'gpt-5.6-sol' }] }] } }] }, null, 2),
  },
  {
    id: 'host/kubeconfig', kind: 'host', contentType: 'text',
    text: `apiVersion: v1\nusers:\n- name: colima\n  user:\n    client-key-data: ${S.kubeKeyData}\n    token: ${S.kubeToken}\n`,
  },
  { ...A.ps, text: `  PID  PPID COMMAND\n 4242     1 env TELEGRAM_BOT_TOKEN=${S.telegram} bun run /Users/joel/packages/gateway/src/daemon.ts\n` },
];

describe('redaction of a planted corpus', () => {
  it('leaves none of the planted secrets in any artifact while the evidence survives', async () => {
    const r = createRedactor({ salt: SALT });
    const outputs = await Promise.all(corpus.map(async (a) => ({ a, out: await r.redactArtifact(a) })));
    for (const { a, out } of outputs) {
      for (const [name, secret] of Object.entries(S)) {
        expect(out.text.includes(secret), `${name} survived in ${a.id}:\n${out.text}`).toBe(false);
      }
      for (const e of EVIDENCE) {
        if (a.text.includes(e)) expect(out.text, `evidence "${e}" lost in ${a.id}`).toContain(e);
      }
    }
    const all = corpus.map((a) => a.text).join('\n');
    for (const e of EVIDENCE) expect(all, `corpus lacks evidence "${e}"`).toContain(e);
  });

  it('keeps JSON artifacts and parseable JSONL lines valid JSON', async () => {
    const r = createRedactor({ salt: SALT });
    for (const a of corpus.filter((c) => c.contentType !== 'text')) {
      const { text } = await r.redactArtifact(a);
      const lines = a.contentType === 'jsonl' ? text.split('\n').slice(0, -1) : [text];
      for (const line of lines) expect(() => JSON.parse(line), `${a.id}: ${line}`).not.toThrow();
    }
  });

  it('counts replacements by rule id and never records a value', async () => {
    const r = createRedactor({ salt: SALT });
    const { counts } = await r.redactArtifact(corpus[2] as ArtifactText);
    expect(Object.values(counts).reduce((x, y) => x + y, 0)).toBeGreaterThanOrEqual(6);
    expect(JSON.stringify(counts)).not.toMatch(/Fake|r3dis/);
    expect(counts['pem-private-key']).toBe(1);
  });
});
