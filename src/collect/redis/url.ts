// Turns --redis-url into ioredis connection options. Accepted forms:
//   redis://[user:pass@]host[:port][/db]   rediss://... (TLS)
//   unix:///path/to.sock[?db=N]            redis+unix:///path/to.sock[?db=N]   (also redis+socket:)
// https://github.com/redis/ioredis#connect-to-redis and https://www.iana.org/assignments/uri-schemes/prov/redis

/** Where to connect, and a printable form of it that never carries the password. */
export interface RedisTarget {
  host?: string;
  port?: number;
  path?: string;
  username?: string;
  password?: string;
  db: number;
  tls: boolean;
  /** e.g. `redis://127.0.0.1:6379/0` or `unix:///tmp/redis.sock?db=2`. */
  display: string;
}

const DEFAULT_PORT = 6379;
const MAX_DB = 1_000_000;

const parseDb = (raw: string | null, url: string): number => {
  if (raw === null || raw === '') return 0;
  if (!/^\d+$/.test(raw) || Number(raw) > MAX_DB) {
    throw new Error(`--redis-url ${JSON.stringify(url)}: database index ${JSON.stringify(raw)} is not a number`);
  }
  return Number(raw);
};

/** Parse a Redis URL, or throw an Error whose message is one line naming the flag and the value. */
export function parseRedisUrl(url: string): RedisTarget {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new Error(`--redis-url ${JSON.stringify(url)} is not a URL (expected redis://host:port[/db])`);
  }
  const username = u.username ? decodeURIComponent(u.username) : undefined;
  const password = u.password ? decodeURIComponent(u.password) : undefined;
  const scheme = u.protocol.replace(/:$/, '');
  if (scheme === 'unix' || scheme === 'redis+unix' || scheme === 'redis+socket') {
    const path = decodeURIComponent(u.pathname);
    if (!path || path === '/') throw new Error(`--redis-url ${JSON.stringify(url)} names no socket path`);
    const db = parseDb(u.searchParams.get('db'), url);
    return { path, username, password, db, tls: false, display: `unix://${path}${db ? `?db=${db}` : ''}` };
  }
  if (scheme !== 'redis' && scheme !== 'rediss') {
    throw new Error(`--redis-url ${JSON.stringify(url)}: unsupported scheme "${scheme}:" (use redis:, rediss: or unix:)`);
  }
  const host = u.hostname.replace(/^\[(.*)\]$/, '$1');
  if (!host) throw new Error(`--redis-url ${JSON.stringify(url)} names no host`);
  const port = u.port ? Number(u.port) : DEFAULT_PORT;
  const db = parseDb(u.pathname.replace(/^\//, '') || u.searchParams.get('db'), url);
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return { host, port, username, password, db, tls: scheme === 'rediss', display: `${scheme}://${shownHost}:${port}/${db}` };
}
