import { groupRanges } from '../regex-ranges.js';
import type { RedactionRule, SecretRange } from '../types.js';

// GitHub classic and fine-grained tokens have fixed prefixes.

const TOKEN_RE = /\b(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{22,255})\b/dg;

const id = 'github-token';
const description = 'GitHub tokens (ghp_, gho_, ghu_, ghs_, ghr_, github_pat_)';

const find = (text: string): SecretRange[] => (text.includes('gh') ? groupRanges(text, TOKEN_RE, 0) : []);

const githubToken: RedactionRule = {
  id,
  description,
  kind: 'detector',
  scope: 'text',
  keywords: ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_', 'github_pat_'],
  sameLine: true,
  cases: {
    caught: [
      'token ghp_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789',
      'github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyzABCDEFGHIJ',
      'gho_0123456789abcdefghijABCDEFGHIJ012345',
    ],
    nearMisses: [
      'ghp_short',
      'see github.com/joelhooks/joelclaw/pull/42',
      'gh_pages branch',
    ],
  },
  find,
};

export default githubToken;
