// What a user's machine has beside the test suite when the gateway lives there: a Redis on 6379 holding keys
// that are not the suite's, and the daemon's port 3018 answering /health. CI runs the suites beside them to
// prove no test reads, flushes or asks them (a test owns only the servers it starts itself).
//
// node .ci/neighbours.mjs STATE_FILE: sets up, writes "ready" to STATE_FILE, and on SIGTERM checks and cleans up:
// - 6379: a redis-server is started if the port is free; if something already answers there (a system Redis,
//   shared with whatever else runs on the machine), a few keys of ours are added to it and nothing is flushed.
// - 127.0.0.1:3018: a listener answering /health with a body unlike any fixture's, unless the port is taken
//   (then what is there is left alone).
// On SIGTERM it removes its keys, stops what it started, and exits 1 if a key of ours was changed or lost or a
// process of this checkout asked the 3018 listener anything, 0 otherwise, saying so in one line. Requests from
// other processes of the machine (another checkout's tests, a developer's curl) are listed but do not fail CI:
// each asker is found through /proc (its socket's inode, then the process holding it, then its working dir).

import { spawn } from 'node:child_process';
import { readFileSync, readdirSync, readlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createConnection } from 'node:net';
import { Redis } from 'ioredis';

const REDIS_PORT = 6379;
const WS_PORT = 3018;
const HEALTH_BODY = JSON.stringify({ gwbundleCi: 'this is CI standing on the gateway port, not a gateway: a test that reads this is wrong' });
const [stateFile] = process.argv.slice(2);
if (!stateFile) throw new Error('usage: node .ci/neighbours.mjs STATE_FILE');

const say = (line) => process.stdout.write(`neighbours: ${line}\n`);
const canConnect = (port) =>
  new Promise((resolve) => {
    const s = createConnection({ host: '127.0.0.1', port });
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
  });
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** The pid and working dir of the local process whose TCP socket has local port `port`, or null (not Linux, no access). */
function askerOf(port) {
  try {
    const hex = `:${port.toString(16).toUpperCase().padStart(4, '0')}`;
    const inode = ['/proc/net/tcp', '/proc/net/tcp6']
      .flatMap((f) => readFileSync(f, 'utf8').split('\n').slice(1))
      .map((line) => line.trim().split(/\s+/))
      .find((cols) => cols[1]?.endsWith(hex))?.[9];
    if (!inode) return null;
    for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
      let fds = [];
      try {
        fds = readdirSync(`/proc/${pid}/fd`);
      } catch {
        continue;
      }
      for (const fd of fds) {
        try {
          if (readlinkSync(`/proc/${pid}/fd/${fd}`) === `socket:[${inode}]`) return { pid, cwd: readlinkSync(`/proc/${pid}/cwd`) };
        } catch {
          // gone meanwhile
        }
      }
    }
  } catch {
    // no /proc
  }
  return null;
}

let redisChild = null;
if (!(await canConnect(REDIS_PORT))) {
  redisChild = spawn('redis-server', ['--port', String(REDIS_PORT), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  for (let i = 0; i < 400 && !(await canConnect(REDIS_PORT)); i++) await sleep(25);
}
const redis = new Redis({ host: '127.0.0.1', port: REDIS_PORT, lazyConnect: true, maxRetriesPerRequest: 2 });
await redis.connect();
const tag = `gwbundle-ci:${process.pid}`;
/** Our keys and how to read each back; a day's TTL in case cleanup never runs. */
const KEYS = {
  [`${tag}:note`]: { write: (k) => redis.set(k, 'not the gateway'), read: (k) => redis.get(k) },
  [`${tag}:list`]: { write: (k) => redis.rpush(k, 'a', 'b', 'c'), read: (k) => redis.lrange(k, 0, -1).then((v) => v.join(',')) },
  [`${tag}:hash`]: { write: (k) => redis.hset(k, 'owner', 'ci', 'purpose', 'canary'), read: (k) => redis.hgetall(k).then((v) => JSON.stringify(v)) },
  [`${tag}:stream`]: { write: (k) => redis.xadd(k, '1-1', 'field', 'value'), read: (k) => redis.xrange(k, '-', '+').then((v) => JSON.stringify(v)) },
};
const written = {};
for (const [key, k] of Object.entries(KEYS)) {
  await k.write(key);
  await redis.expire(key, 86_400);
  written[key] = await k.read(key);
}

const REPO = process.cwd();
const asked = [];
const askedByOthers = [];
let server = null;
if (!(await canConnect(WS_PORT))) {
  server = createServer((req, res) => {
    const asker = askerOf(req.socket.remotePort ?? 0);
    const line = `${req.method} ${req.url} (${req.headers['user-agent'] ?? 'no user-agent'}, ${asker ? `pid ${asker.pid} in ${asker.cwd}` : 'asker unknown'})`;
    // why: an asker that cannot be found counts as ours, so the check never passes for lack of evidence
    if (asker && asker.cwd !== REPO && !asker.cwd.startsWith(`${REPO}/`)) askedByOthers.push(line);
    else asked.push(line);
    res.writeHead(req.url === '/health' ? 200 : 404, { 'content-type': 'application/json' }).end(HEALTH_BODY);
  });
  await new Promise((resolve, reject) => server.once('error', reject).listen(WS_PORT, '127.0.0.1', resolve));
}
say(`Redis on ${REDIS_PORT} (${redisChild ? 'started here' : 'already running, shared'}) holds ${Object.keys(KEYS).length} keys ${tag}:*; ` +
  `${WS_PORT} ${server ? 'answers /health here' : 'is taken: left alone'}`);
writeFileSync(stateFile, 'ready\n');

process.once('SIGTERM', async () => {
  const changed = [];
  for (const [key, k] of Object.entries(KEYS)) if ((await k.read(key).catch(() => null)) !== written[key]) changed.push(key);
  await redis.del(...Object.keys(KEYS)).catch(() => undefined);
  redis.disconnect();
  redisChild?.kill('SIGTERM');
  server?.closeAllConnections();
  server?.close();
  const problems = [
    ...(changed.length > 0 ? [`keys of ours on ${REDIS_PORT} were changed or lost: ${changed.join(', ')}`] : []),
    ...(asked.length > 0 ? [`${WS_PORT} was asked ${asked.length} time(s): ${asked.slice(0, 3).join('; ')}`] : []),
  ];
  if (askedByOthers.length > 0) say(`${WS_PORT} was asked ${askedByOthers.length} time(s) by other processes of this machine, not this checkout: ${askedByOthers.slice(0, 3).join('; ')}`);
  say(problems.length > 0 ? `FAILED: ${problems.join('; ')}` : `untouched (keys on ${REDIS_PORT} intact${server ? `, ${WS_PORT} never asked by this checkout` : ''})`);
  process.exit(problems.length > 0 ? 1 : 0);
});
