import { groupRanges } from '../regex-ranges.js';
import type { RedactionRule, SecretRange } from '../types.js';

// A bot token gives full control of the bot; the gateway logs getUpdates URLs and errors that can hold it.

const TOKEN_RE = /(?<![0-9])\d{8,10}:[A-Za-z0-9_-]{35}(?![A-Za-z0-9_-])/dg;

const id = 'telegram-bot-token';
const description = 'Telegram Bot API tokens: <bot id>:<35 url-safe chars>';

const find = (text: string): SecretRange[] => (text.includes(':') ? groupRanges(text, TOKEN_RE, 0) : []);

const telegramBotToken: RedactionRule = {
  id,
  description,
  kind: 'detector',
  scope: 'text',
  keywords: [':aa'],
  sameLine: true,
  cases: {
    caught: [
      '7123456789:AAHdummyFAKE_tok-1234567890abcdefgh',
      'GET https://api.telegram.org/bot123456789:AAHdummyFAKE_tok-1234567890abcdefgh/getUpdates 409: Conflict',
      '"botToken":"12345678:AAHdummyFAKE_tok-1234567890abcdefgh"',
    ],
    nearMisses: [
      'source: "telegram:123456"',
      'stream id 1764244800000-0 at 12:30:45',
      'chatId 123456789 replied',
      '7123456789:tooShortForAToken',
    ],
  },
  find,
};

export default telegramBotToken;
