import { groupRanges } from '../regex-ranges.js';
import type { RedactionRule, SecretRange } from '../types.js';

// Anthropic keys (api, admin, oat OAuth tokens) share the sk-ant- prefix.

const TOKEN_RE = /\bsk-ant-[A-Za-z0-9_-]{20,}/dg;

const id = 'anthropic-key';
const description = 'Anthropic API and OAuth keys (sk-ant-...)';

const find = (text: string): SecretRange[] => (text.includes('sk-ant-') ? groupRanges(text, TOKEN_RE, 0) : []);

const anthropicKey: RedactionRule = {
  id,
  description,
  kind: 'detector',
  scope: 'text',
  keywords: ['sk-ant-'],
  sameLine: true,
  cases: {
    caught: [
      'ANTHROPIC_API_KEY is sk-ant-api03-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-abcdEFGH',
      'oauth sk-ant-oat01-zyxwvutsrqponmlkjihgfedcba9876543210',
    ],
    nearMisses: [
      'model claude-opus-4-6 via anthropic-messages',
      'prefix sk-ant- only',
      'Authentication failed for "anthropic". Credentials may have expired',
    ],
  },
  find,
};

export default anthropicKey;
