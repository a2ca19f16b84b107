import { scanJsonValues, tryParse } from '../json-scan.js';
import type { RedactionRule, SecretRange } from '../types.js';
import { isLiteralValue } from '../values.js';

// JSON values under secret-looking keys at any depth (token, apiKey, password, authorization, cookie,
// client-key-data, ...), plus the `value` of k8s-style `{name: TELEGRAM_BOT_TOKEN, value}` env entries. The
// document is parsed, not regexed: a key is a key only where the JSON grammar says so. Text that does not
// parse gets nothing from this rule and goes to the text rules instead (src/redact/json-doc.ts).

const KEEP_SCALARS = new Set(['true', 'false', 'null', '""']);

const id = 'json-secret-key';
const description = 'JSON values under secret-looking keys at any depth, and the value of {name: SECRET_NAME, value} pairs';

function find(text: string): SecretRange[] {
  const parsed = tryParse(text);
  if (!parsed) return [];
  const out: SecretRange[] = [];
  scanJsonValues(text, parsed.value, (t) => {
    if (!t.secret || KEEP_SCALARS.has(text.slice(t.start, t.end))) return;
    if (t.isString && !isLiteralValue(JSON.parse(text.slice(t.start, t.end)) as string)) return;
    if (t.isString) out.push({ start: t.start + 1, end: t.end - 1 });
    else out.push({ start: t.start, end: t.end, quote: true }); // a bare number becomes a JSON string marker
  });
  return out;
}

const jsonSecretKey: RedactionRule = {
  id,
  description,
  kind: 'structural',
  scope: 'json',
  cases: {
    caught: [
      '{"token":"abc123def456"}',
      '{"apiKey": "k-123456-literal"}',
      '{"a":{"b":[{"password":"pw-9f8e7d"}]}}',
      '{"users":[{"name":"colima","user":{"client-key-data":"LS0tLS1CRUdJTiBSU0EgUFJJVkFURSBLRVktLS0tLQo="}}]}',
      '{"password": 123456789}',
      '{"env":[{"name":"TELEGRAM_BOT_TOKEN","value":"not-a-format-but-secret"}]}',
      '{"credentials":{"user":"bob","secretValue":"nested-under-secret"}}',
      '{"headers":{"Authorization":"Basic dXNlcjpwYXNz"}}',
    ],
    nearMisses: [
      '{"totalTokens":41940,"tokensBefore":141200,"maxTokens":200000}',
      '{"supersessionKey":"telegram:123456","batchKey":"telegram:123456"}',
      '{"key":"joelclaw:events:gateway","sessionId":"0c9e1f2a-3b4c-4d5e-8f90-a1b2c3d4e5f6"}',
      '{"env":[{"name":"PI_MODEL","value":"gpt-5.6-sol"}]}',
      '{"valueFrom":{"secretKeyRef":{"name":"gateway-secrets","key":"telegram_bot_token"}}}',
      '{"token": null, "password": "", "leaseEnabled": false}',
      '{"apiKey":"$API_KEY","token":"${TOKEN}","password":"{{ .Values.password }}","secret":"ENC[AES256_GCM,data:x=,type:str]"}',
      '{"model":"openai-codex/gpt-5.4","stopReason":"error","errorMessage":"Authentication failed for \\"anthropic\\""}',
    ],
  },
  find,
};

export default jsonSecretKey;
