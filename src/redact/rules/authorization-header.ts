import { unquotedRange } from '../regex-ranges.js';
import type { RedactionRule, SecretRange } from '../types.js';
import { isLiteralValue, startsReference } from '../values.js';

// HTTP credential headers in any text: `Authorization: <anything>`, `"authorization": "..."`, curl's
// `-H "x-api-key: ..."`, cookies. The whole header value goes (scheme included): `Basic` carries the password.

const HEADER_RE =
  /(?<![A-Za-z0-9_.-])(proxy-authorization|authorization|x-api-key|api-key|x-auth-token|set-cookie|cookie)(\\?["']?)[ \t]*[:=][ \t]*(\\"(?:[^"\\\n]|\\[^"\n])*\\"|"(?:[^"\\\n]|\\.)*"|'[^'\n]*'|[^\n"'\\,}]+)/dgi;
const NOT_A_VALUE = /^(?:null|undefined|true|false|none|missing|required)$/i;

const id = 'authorization-header';
const description = 'values of Authorization / Proxy-Authorization / x-api-key / Cookie headers, quoted or not';

function find(text: string): SecretRange[] {
  const out: SecretRange[] = [];
  for (const m of text.matchAll(HEADER_RE)) {
    const at = m.indices?.[3];
    const raw = (m[3] ?? '').trimEnd();
    if (!at || raw.length === 0) continue;
    const r = unquotedRange(at[0], raw);
    const value = r ? text.slice(r.start, r.end).trim() : '';
    if (!r || NOT_A_VALUE.test(value) || !isLiteralValue(value) || startsReference(text, r.start)) continue;
    out.push(r);
  }
  return out;
}

const authorizationHeader: RedactionRule = {
  id,
  description,
  kind: 'structural',
  scope: 'text',
  keywords: ['authorization', 'api-key', 'x-auth-token', 'cookie'],
  sameLine: true,
  cases: {
    caught: [
      'Authorization: Bearer abc.def.ghi123',
      'curl -H "x-api-key: k-9f8e7d6c5b4a" https://api.example.com/v1',
      'headers: {"authorization": "Basic dXNlcjpwYXNz"}',
      'Cookie: session=0a1b2c3d4e5f',
      'payload "{\\"authorization\\":\\"Token abc-123-def\\"}"',
    ],
    nearMisses: [
      'authorization failed for request 42',
      'apiVersion: rbac.authorization.k8s.io/v1',
      'Authorization header missing',
      '{"authorization": null}',
      'clearing the cookie jar',
      'curl -H "Authorization: Bearer $API_KEY" -H "x-api-key: ${ANTHROPIC_API_KEY}" https://api',
    ],
  },
  find,
};

export default authorizationHeader;
