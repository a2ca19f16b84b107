import { describe, expect, it } from 'vitest';
import { parseRedisUrl } from '../../../src/collect/redis/url.js';

describe('parseRedisUrl', () => {
  it('reads host, port, db and credentials and never shows the password', () => {
    const t = parseRedisUrl('redis://user:s3cr%40t@redis.local:6390/4');
    expect(t).toMatchObject({ host: 'redis.local', port: 6390, db: 4, username: 'user', password: 's3cr@t', tls: false });
    expect(t.display).toBe('redis://redis.local:6390/4');
  });

  it('defaults the port to 6379 and the db to 0, and turns rediss into TLS', () => {
    expect(parseRedisUrl('rediss://localhost')).toMatchObject({ host: 'localhost', port: 6379, db: 0, tls: true });
  });

  it('reads a unix socket path with an optional db', () => {
    expect(parseRedisUrl('unix:///tmp/r.sock?db=3')).toMatchObject({ path: '/tmp/r.sock', db: 3, display: 'unix:///tmp/r.sock?db=3' });
    expect(parseRedisUrl('redis+unix:///var/run/redis.sock')).toMatchObject({ path: '/var/run/redis.sock', db: 0 });
  });

  it('rejects what is not a Redis URL with a one-line message naming the flag', () => {
    for (const bad of ['localhost:6379', 'http://x', 'redis://h/notadb', 'unix://']) {
      expect(() => parseRedisUrl(bad)).toThrow(/^--redis-url "/);
    }
  });
});
