import { groupRanges } from '../regex-ranges.js';
import type { RedactionRule, SecretRange } from '../types.js';

// The password of `scheme://user:pass@host` for any scheme. secretlint covers https and postgres but not
// redis://:pass@ (dependency-notes §10), and the gateway's Redis URL is exactly that shape. Scheme, user and
// host stay: they say where the gateway was pointed.

const URL_PASSWORD_RE = /\b[A-Za-z][A-Za-z0-9+.-]{0,30}:\/\/[^\s:@/?#"'<>\\]*:([^\s@/?#"'<>\\]+)@/dg;

const id = 'url-credentials';
const description = 'the password in scheme://user:pass@ and scheme://:pass@ URLs (redis, rediss, postgres, https, ...)';

const find = (text: string): SecretRange[] => (text.includes('://') ? groupRanges(text, URL_PASSWORD_RE, 1) : []);

const urlCredentials: RedactionRule = {
  id,
  description,
  kind: 'structural',
  scope: 'text',
  keywords: ['://'],
  sameLine: true,
  cases: {
    caught: [
      'redis://:s3cretpw@localhost:6379',
      'connecting to rediss://default:pa55w0rd@redis.example.com:6380/0',
      'postgres://gateway:hunter2x@db:5432/app',
      'git remote https://x-access-token:abc123xyz@github.com/joelhooks/joelclaw.git',
      'mongodb+srv://gateway:M0ngoPass@cluster0.example.net/app?retryWrites=true',
      'jdbc:mysql://root:MyJdbcPw1@db:3306/app',
      'amqp://guest:Rabbit-pw7@rabbit:5672/',
    ],
    nearMisses: [
      'redis://localhost:6379',
      'GET http://127.0.0.1:3018/health',
      'git@github.com:joelhooks/joelclaw.git',
      'mailto:joel@example.com',
      'OTEL_EMIT_URL http://flagg:3111/observability/emit',
    ],
  },
  find,
};

export default urlCredentials;
