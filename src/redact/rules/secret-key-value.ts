import { isSecretKey } from '../names.js';
import { unquotedRange } from '../regex-ranges.js';
import type { RedactionRule, SecretRange } from '../types.js';
import { isLiteralValue, startsReference } from '../values.js';

// `key: value` / `key=value` under a secret-looking key in plain text: bun's multi-line object output in
// gateway.log/.err (`  botToken: "..."`), YAML, `password=...` in messages, escaped JSON inside a log string,
// `NAME => value` in launchctl print's environment block, and the assignments of code and config that a tool
// result may show (Go `apiToken := "..."`, Make `TOKEN ?= ...`, PHP `$token .= "..."`). A scheme word before
// the value (`token: Bearer x`, `FlyV1 fm2_...`) takes the token after it too. References and placeholders stay.
// Same key policy as json-secret-key, so totalTokens or supersessionKey stay readable.

// A full key/value regex tried at every word of a 25 MB log is slow, so a hint regex finds the secret-looking
// name endings followed by `:` / `=` first, and the full pattern is tried (sticky) only where the name starts.
const HINT_RE =
  /(?:token|secret|passw(?:or)?d|passphrase|pwd|pass|dsn|auth|key|authorization|cookie|credentials?|data)\\?["']?[ \t]*(?:[:=]|[?.+]=)/gi;
const KEY_VALUE_RE =
  /(\\?["']?)([A-Za-z][A-Za-z0-9_.-]{0,63})\1[ \t]*(?:=>|:{1,3}=|[?.+]=|[:=])[ \t]*(\\"(?:[^"\\\n]|\\[^"\n]){1,4096}?\\"|"(?:[^"\\\n]|\\.){1,4096}"|'[^'\n]{1,4096}'|[^\s,;}\]"'\\]+)/dy;
/** [A-Za-z0-9_.-] */
const isNameChar = (c: number): boolean =>
  (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 46 || c === 45;
const isLetter = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
const NOT_A_VALUE = /^(?:\[Object\]|\[Array\]|DATA\+OMITTED)$/i;
/** An auth scheme word: the token is the word after it. */
const SCHEME = /^(?:Bearer|Basic|Token|Bot|Digest|FlyV1)$/i;
const NEXT_WORD = /[ \t]+([^\s,;}\]"'\\]+)/y;

const id = 'secret-key-value';
const description = 'key: value / key=value in text (bun log objects, YAML, messages) under a secret-looking key';

/** Where the name around a hint starts: back over name chars. */
function nameStart(text: string, hint: number): number {
  let i = hint;
  while (i > 0 && isNameChar(text.charCodeAt(i - 1))) i--;
  return i;
}

/** Where the key around a hint starts, opening quote included. */
function keyStart(text: string, name: number): number {
  if (text[name - 1] === '"' || text[name - 1] === "'") return name - (text[name - 2] === '\\' ? 2 : 1);
  return name;
}

function find(text: string): SecretRange[] {
  const out: SecretRange[] = [];
  let last = -1;
  for (const hint of text.matchAll(HINT_RE)) {
    // the name ends where the hint's word does: judge it before trying the full pattern
    const name = nameStart(text, hint.index);
    let wordEnd = hint.index;
    while (isLetter(text.charCodeAt(wordEnd))) wordEnd++;
    if (!isSecretKey(text.slice(name, wordEnd))) continue;
    const start = keyStart(text, name);
    if (start <= last) continue;
    KEY_VALUE_RE.lastIndex = start;
    const m = KEY_VALUE_RE.exec(text);
    const at = m?.indices?.[3];
    if (!m || !at || !isSecretKey(m[2] ?? '')) continue;
    const r = unquotedRange(at[0], m[3] ?? '');
    if (!r || startsReference(text, r.start)) continue;
    let value = text.slice(r.start, r.end);
    if (SCHEME.test(value)) {
      NEXT_WORD.lastIndex = r.end;
      const next = NEXT_WORD.exec(text);
      if (next) {
        r.end = NEXT_WORD.lastIndex;
        value = text.slice(r.start, r.end);
      }
    }
    if (NOT_A_VALUE.test(value) || !isLiteralValue(value)) continue;
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
  sameLine: true,
  cases: {
    caught: [
      '  botToken: "7c2f-not-a-known-format",',
      'login password=hunter2 user=joel',
      'api_key: zyx987wvu',
      'event payload "{\\"secret\\":\\"inner-secret-value\\"}"',
      "  clientSecret: 'quoted-single-secret',",
      '\tenvironment = {\n\t\tTELEGRAM_BOT_TOKEN => literal-value-123\n\t}',
      'apiToken := "go-short-assign-value"',
      'GITLAB_TOKEN ?= make-conditional-value',
      '$authToken .= "php-concat-value";',
      '  token: Bearer bearer-after-scheme-0123',
    ],
    nearMisses: [
      '[gateway] response ready {\n  source: "telegram:123456",\n  length: 412,\n}',
      '  totalTokens: 41940,',
      '  supersessionKey: "telegram:123456",',
      'usage tokens=12 cost=0.01',
      'secretName: telegram_bot_token',
      '  key: "joelclaw:events:gateway",',
      '  token: null,',
      'password: ${DB_PASSWORD} token: {{ .Values.token }} secret: $(gcloud auth print-access-token)',
      'api_key: ENC[AES256_GCM,data:Tr7o=,iv:1=,tag:2=,type:str]',
      'password=xxxxxxxx token=<token> apiKey: YOUR_API_KEY_HERE',
    ],
  },
  find,
};

export default secretKeyValue;
