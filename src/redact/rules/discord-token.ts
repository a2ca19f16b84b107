import { groupRanges } from '../regex-ranges.js';
import type { RedactionRule, SecretRange } from '../types.js';

// A Discord bot token is base64(user id).timestamp.hmac; the first part encodes a numeric id, so it starts M, N or O.

const TOKEN_RE = /(?<![A-Za-z0-9_-])[MNO][A-Za-z0-9_-]{23,27}\.[A-Za-z0-9_-]{6,7}\.[A-Za-z0-9_-]{27,40}(?![A-Za-z0-9_-])/dg;

const id = 'discord-token';
const description = 'Discord bot tokens (three base64url parts: user id, timestamp, HMAC)';

const find = (text: string): SecretRange[] => (text.includes('.') ? groupRanges(text, TOKEN_RE, 0) : []);

const discordToken: RedactionRule = {
  id,
  description,
  kind: 'detector',
  scope: 'text',
  cases: {
    caught: [
      'DISCORD_BOT_TOKEN MTIzNDU2Nzg5MDEyMzQ1Njc4OQ.GaBcDe.AbCdEfGhIjKlMnOpQrStUvWxYz0123456',
      'token="NzkyNzE1NDU0MTk2MDg4ODQy.X-hvzA.Ovy4MCQywSkoMRRclStW4xAYK7I"',
    ],
    nearMisses: [
      'model openai-codex/gpt-5.4',
      'M1234.abc.def',
      'Node.js v20.20.0 loaded',
    ],
  },
  find,
};

export default discordToken;
