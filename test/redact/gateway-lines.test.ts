import { describe, expect, it } from 'vitest';
import { A } from '../../src/bundle/artifacts.js';
import { createRedactor } from '../../src/redact/index.js';
import { SALT } from './helpers.js';

// Over-redaction hurts the diagnosis: ordinary gateway lines, identifiers and references to secrets held
// elsewhere must come out of the whole redactor byte for byte, in a log, in a transcript string and on a
// command line alike.

const PNG_BASE64 =
  'iVBORw0KGgoAAAANSUhEUgAAABAAAAAQCAYAAAAf8/9hAAAAGXRFWHRTb2Z0d2FyZQBBZG9iZSBJbWFnZVJlYWR5ccllPAAAAJ9JREFUeNpi/P//PwMlgImBQjDwBrCgCzx79uxfQGAE4jYg/oCM4dmzZ/+JUEQDIPY3IHYB4lNAfB6I9wPx9GlwDRAD2ICCOBvEDwHxHxFyP0M0JxK/A/FVQA2Fl3U6MeGz7P+D+iNEP1IAC0pAAL8jD9xYjQ2kAAAAAElFTkSuQmCC';

const ORDINARY = [
  '[gateway:redis] stream entry 1764243600000-0 acked, next 1764243600001-3',
  'dedup sha256 e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  'session 0c9e1f2a-3b4c-4d5e-8f90-a1b2c3d4e5f6 resumed',
  'anthropic request_id=req_011CVqAnYb5Gm3cD8xQ7pT2w x-request-id: 9f1c2e3d-4b5a-6978-8a9b-0c1d2e3f4a5b',
  'openai error: request ID req_7f3a9c2e1b5d4f6a8c0e2b4d6f8a0c2e (status 529)',
  `tool result image data:image/png;base64,${PNG_BASE64}`,
  '[gateway:queue] enqueue sessionKey=telegram:123456 batchKey=telegram:123456:42 cacheKey=slack:C0123ABCD keyId=7',
  '  supersessionKey: "telegram:123456",\n  totalTokens: 41940,\n  tokensBefore: 141200,',
  'env: OPENAI_API_KEY=(unset) ANTHROPIC_API_KEY=(unset)',
  'export ANTHROPIC_API_KEY=$API_KEY TELEGRAM_BOT_TOKEN=${TOKEN}',
  'export GOOGLE_TOKEN="$(gcloud auth print-access-token)"',
  'password: {{ .Values.Password }}',
  'api_key: ENC[AES256_GCM,data:Tr7oL0w=,iv:Zm9vYmFyYmF6cXV4MTIzNDU2Nzg=,tag:YWJjZGVmZ2hpamtsbW5vcA==,type:str]',
  'GET https://graph.facebook.com/v19.0/oauth/access_token 400',
  'POST https://oauth2.googleapis.com/token/access_token/refresh failed',
  'model openai-codex/gpt-5.4 fell back to claude-opus-4-6 after 3 attempts',
  'launchctl kickstart -k gui/501/com.joel.gateway',
  'Authentication failed for "anthropic". Credentials may have expired',
  'command-queue: prompt failed { source: "telegram:123456", consecutiveFailures: 2 }',
  '[gateway:telegram] getUpdates 409: Conflict: terminated by other getUpdates request',
  'sk-learn disk-usage risk-assessment task-runner ask-user',
];

const places = (line: string) => [
  { where: 'gateway log', artifact: { ...A.gatewayErrLog, text: `${line}\n` } },
  { where: 'transcript string', artifact: { ...A.sessionTranscript, text: `${JSON.stringify({ type: 'message', message: { role: 'toolResult', content: [{ type: 'text', text: line }] } })}\n` } },
  { where: 'ps line', artifact: { ...A.ps, text: `  PID  PPID COMMAND\n 4242     1 /bin/sh -c echo ${line.replace(/\n/g, ' ')}\n` } },
];

describe('ordinary gateway lines', () => {
  const redactor = createRedactor({ salt: SALT });
  it.each(ORDINARY)('come out of the redactor unchanged: %s', async (line) => {
    for (const { where, artifact } of places(line)) {
      const out = await redactor.redactArtifact(artifact);
      expect(out.text, where).toBe(artifact.text);
      expect(out.counts, where).toEqual({});
    }
  });
});
