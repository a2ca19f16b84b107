import { groupRanges } from '../regex-ranges.js';
import type { RedactionRule, SecretRange } from '../types.js';

// Slack bot, user and app-level tokens have fixed prefixes followed by numeric workspace ids.

const TOKEN_RE = /\b(?:xox[abposr]-\d[A-Za-z0-9-]{8,}|xapp-\d-[A-Za-z0-9-]{10,})/dg;

const id = 'slack-token';
const description = 'Slack tokens (xoxb-, xoxp-, xoxa-, xoxo-, xoxr-, xoxs-, xapp-)';

const find = (text: string): SecretRange[] => (text.includes('x') ? groupRanges(text, TOKEN_RE, 0) : []);

const slackToken: RedactionRule = {
  id,
  description,
  kind: 'detector',
  scope: 'text',
  keywords: ['xox', 'xapp-'],
  sameLine: true,
  cases: {
    caught: [
      'SLACK_BOT_TOKEN xoxb-1234567890-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx',
      'xoxp-2222222222-3333333333-4444444444-abcdef0123456789',
      'xapp-1-A0123456789-1234567890123-abcdef0123456789abcdef',
    ],
    nearMisses: [
      'expected a token starting with xoxb-',
      'xapp-1-',
      'slack socketState: connected',
    ],
  },
  find,
};

export default slackToken;
