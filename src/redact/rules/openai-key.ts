import { groupRanges } from '../regex-ranges.js';
import type { RedactionRule, SecretRange } from '../types.js';

// OpenAI keys start with sk- (project and service-account keys add a segment); sk-ant- is left to anthropic-key.

const TOKEN_RE = /\bsk-(?!ant-)(?:proj-|svcacct-|admin-)?(?=[A-Za-z0-9_-]{0,200}\d)[A-Za-z0-9_-]{20,}/dg;

const id = 'openai-key';
const description = 'OpenAI API keys (sk-..., sk-proj-..., sk-svcacct-...)';

const find = (text: string): SecretRange[] => (text.includes('sk-') ? groupRanges(text, TOKEN_RE, 0) : []);

const openaiKey: RedactionRule = {
  id,
  description,
  kind: 'detector',
  scope: 'text',
  keywords: ['sk-'],
  sameLine: true,
  cases: {
    caught: [
      'OPENAI_API_KEY sk-proj-AbCdEfGhIjKlMnOpQrSt0123456789UvWxYz',
      'key sk-1234567890abcdefghijklmnopqrstuv used',
    ],
    nearMisses: [
      'model openai-codex/gpt-5.4 and gpt-5.6-sol',
      'pip install scikit-learn sk-learn',
      'disk-usage-report-2026-11-27 risk-assessment-2026',
    ],
  },
  find,
};

export default openaiKey;
