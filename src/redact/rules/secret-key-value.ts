import { isSecretKey } from '../names.js';
import { unquotedRange } from '../regex-ranges.js';
import type { RedactionRule, SecretRange } from '../types.js';

// `key: value` / `key=value` under a secret-looking key in plain text: bun's multi-line object output in
// gateway.log/.err (`  botToken: "..."`), YAML, `password=...` in messages, escaped JSON inside a log string,
// `NAME => value` in launchctl print's environment block.
// Same key policy as json-secret-key, so totalTokens or supersessionKey stay readable.

// A full key/value regex tried at every word of a 25 MB log is slow, so a hint regex finds the secret-looking
// name endings followed by `:` / `=` first, and the full pattern is tried (sticky) only where the name starts.
const HINT_RE =
  /(?:token|secret|passw(?:or)?d|passphrase|pwd|pass|dsn|auth|key|authorization|cookie|credentials?|data)\\?["']?[ \t]*[:=]/gi;
const KEY_VALUE_RE =
  /(\\?["']?)([A-Za-z][A-Za-z0-9_.-]{0,63})\1[ \t]*(?:=>|[:=])[ \t]*(\\"(?:[^"\\\n]|\\[^"\n]){1,4096}?\\"|"(?:[^"\\\n]|\\.){1,4096}"|'[^'\n]{1,4096}'|[^\s,;}\]"'\\]+)/dy;
const NAME_CHAR = /[A-Za-z0-9_.-]/;
const NOT_A_VALUE = /^(?:null|undefined|true|false|none|\[Object\]|\[Array\]|DATA\+OMITTED)$/i;

const id = 'secret-key-value';
const description = 'key: value / key=value in text (bun log objects, YAML, messages) under a secret-looking key';

/** Where the key around a hint starts: back over name chars, then over an opening quote (maybe escaped). */
function keyStart(text: string, hint: number): number {
  let i = hint;
  while (i > 0 && NAME_CHAR.test(text[i - 1] ?? '')) i--;
  if (text[i - 1] === '"' || text[i - 1] === "'") i -= text[i - 2] === '\\' ? 2 : 1;
  return i;
}

function find(text: string): SecretRange[] {
  const out: SecretRange[] = [];
  let last = -1;
  for (const hint of text.matchAll(HINT_RE)) {
    const start = keyStart(text, hint.index);
    if (start <= last) continue;
    KEY_VALUE_RE.lastIndex = start;
    const m = KEY_VALUE_RE.exec(text);
    const at = m?.indices?.[3];
    if (!m || !at || !isSecretKey(m[2] ?? '')) continue;
    const r = unquotedRange(at[0], m[3] ?? '');
    if (!r || NOT_A_VALUE.test(text.slice(r.start, r.end)) || text.startsWith('$', r.start)) continue;
    out.push(r);
    last = r.end;
  }
  return out;
}

const secretKeyValue: RedactionRule = {
  id,
  description,
  kind: 'structural',
  scope: 'text',
  keywords: ['token', 'secret', 'passw', 'passphrase', 'pwd', 'pass', 'dsn', 'auth', 'key', 'cookie', 'credential', 'data'],
  cases: {
    caught: [
      '  botToken: "7c2f-not-a-known-format",',
      'login password=hunter2 user=joel',
      'api_key: zyx987wvu',
      'event payload "{\\"secret\\":\\"inner-secret-value\\"}"',
      "  clientSecret: 'quoted-single-secret',",
      '\tenvironment = {\n\t\tTELEGRAM_BOT_TOKEN => literal-value-123\n\t}',
    ],
    nearMisses: [
      '[gateway] response ready {\n  source: "telegram:123456",\n  length: 412,\n}',
      '  totalTokens: 41940,',
      '  supersessionKey: "telegram:123456",',
      'usage tokens=12 cost=0.01',
      'secretName: telegram_bot_token',
      '  key: "joelclaw:events:gateway",',
      '  token: null,',
    ],
  },
  find,
};

export default secretKeyValue;
