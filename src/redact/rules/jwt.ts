import { groupRanges } from '../regex-ranges.js';
import type { RedactionRule, SecretRange } from '../types.js';

// JWTs are bearer credentials (k8s service-account tokens, OAuth access tokens); header and payload start eyJ.

const TOKEN_RE = /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/dg;

const id = 'jwt';
const description = 'JSON Web Tokens (eyJ<header>.eyJ<payload>.<signature>)';

const find = (text: string): SecretRange[] => (text.includes('eyJ') ? groupRanges(text, TOKEN_RE, 0) : []);

const jwt: RedactionRule = {
  id,
  description,
  kind: 'detector',
  scope: 'text',
  keywords: ['eyj'],
  sameLine: true,
  cases: {
    caught: [
      'token eyJhbGciOiJSUzI1NiIsImtpZCI6IjEifQ.eyJzdWIiOiJzeXN0ZW06c2VydmljZWFjY291bnQifQ.c2lnbmF0dXJlLXBhcnQ',
      'eyJhbGciOiJub25lIn0.eyJzdWIiOiIxMjM0NTYifQ.',
    ],
    nearMisses: [
      'header eyJhbGciOiJIUzI1NiJ9 alone',
      'version 1.2.3 and gpt-5.6-sol',
    ],
  },
  find,
};

export default jwt;
