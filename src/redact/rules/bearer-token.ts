import { groupRanges } from '../regex-ranges.js';
import type { RedactionRule, SecretRange } from '../types.js';

// Bearer credentials show up in error messages and logged request options outside any Authorization header. A real token has a digit;
// `Bearer authentication-required` does not.

const TOKEN_RE = /\bBearer[ \t]+([A-Za-z0-9._~+\/=-]{12,})/dgi;

const id = 'bearer-token';
const description = 'Bearer <token> anywhere in text';

const find = (text: string): SecretRange[] => (/bearer/i.test(text) ? groupRanges(text, TOKEN_RE, 1, (m) => /\d/.test(m[1] ?? '')) : []);

const bearerToken: RedactionRule = {
  id,
  description,
  kind: 'detector',
  scope: 'text',
  keywords: ['bearer'],
  sameLine: true,
  cases: {
    caught: [
      'request failed with Bearer abc123def456ghi789',
      'sent bearer 0123456789abcdef0123',
    ],
    nearMisses: [
      'Bearer token missing',
      'Bearer authentication-required',
      'WWW-Authenticate: Bearer realm="api"',
    ],
  },
  find,
};

export default bearerToken;
