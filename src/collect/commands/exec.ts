import { performance } from 'node:perf_hooks';
import { execa } from 'execa';
import { killGroup, trackGroup, untrackGroup } from './process-groups.js';

export { commandArtifact, STDERR_CAP_BYTES } from './artifact.js';

// The one way gwbundle runs a command: in its own process group so a timeout kills the whole tree (execa 9
// only kills the direct child, and orphaned grandchildren would hold the pipe open), with stdout/stderr
// capped while streaming, and every outcome (not found, killed, non-zero) returned as data, never thrown.

/** Output kept per stream before the command is stopped: 8 MiB. */
export const DEFAULT_MAX_OUTPUT_BYTES = 8 * 1024 * 1024;
/** Between SIGTERM and SIGKILL of a timed-out group. */
export const KILL_GRACE_MS = 1000;
/** After SIGKILL, how long we still wait for pipes to close (a child that escaped the group keeps them open). */
const PIPE_DRAIN_MS = 500;

/** Everything observed about one command run. */
export interface CommandResult {
  found: boolean;
  stdout: string;
  stderr: string;
  exitCode: number | null;
  signal: string | null;
  timedOut: boolean;
  durationMs: number;
  outputTruncated: boolean;
  /** stdout bytes the command wrote, including any past the cap. */
  stdoutBytes?: number;
  /** When timedOut: how long it had run when the kill started. */
  killedAfterMs?: number;
}

export interface RunCommandOptions {
  timeoutMs: number;
  env: NodeJS.ProcessEnv;
  signal?: AbortSignal;
  maxBytes?: number;
}

/** Collects a stream's chunks up to a byte cap, counting (and dropping) the rest. */
function cappedSink(maxBytes: number, onOverflow: () => void) {
  const chunks: Buffer[] = [];
  let kept = 0;
  let seen = 0;
  return {
    push(chunk: Buffer) {
      seen += chunk.length;
      if (kept >= maxBytes) return;
      const room = maxBytes - kept;
      const part = chunk.length > room ? chunk.subarray(0, room) : chunk;
      chunks.push(part);
      kept += part.length;
      if (seen > maxBytes) onOverflow();
    },
    text: () => Buffer.concat(chunks).toString('utf8'),
    get seen() {
      return seen;
    },
    get overflowed() {
      return seen > maxBytes;
    },
  };
}

const notFound = (startedAt: number): CommandResult => ({
  found: false,
  stdout: '',
  stderr: '',
  exitCode: null,
  signal: null,
  timedOut: false,
  durationMs: Math.round(performance.now() - startedAt),
  outputTruncated: false,
});

/** Run argv with a hard timeout that kills the whole process group; partial output is kept. */
export async function runCommand(argv: string[], opts: RunCommandOptions): Promise<CommandResult> {
  const startedAt = performance.now();
  const [file, ...args] = argv;
  if (!file) throw new Error('runCommand needs a non-empty argv');
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_OUTPUT_BYTES;
  let timedOut = false;
  let outputTruncated = false;
  let stopping = false;
  let killedAfterMs: number | undefined;
  const sub = execa(file, args, {
    detached: true,
    reject: false,
    buffer: false,
    stdin: 'ignore',
    stdout: 'pipe',
    stderr: 'pipe',
    extendEnv: false,
    env: { ...opts.env, LC_ALL: 'C' },
  });
  const pid = sub.pid;
  const timers: NodeJS.Timeout[] = [];
  let release: () => void = () => {};
  const hardStop = new Promise<void>((resolve) => (release = resolve));
  const stop = (why: 'timeout' | 'cap') => {
    if (stopping || pid === undefined) return;
    stopping = true;
    if (why === 'timeout') {
      timedOut = true;
      killedAfterMs = Math.round(performance.now() - startedAt);
    }
    else outputTruncated = true;
    killGroup(pid, 'SIGTERM');
    timers.push(setTimeout(() => killGroup(pid, 'SIGKILL'), KILL_GRACE_MS));
    timers.push(setTimeout(release, KILL_GRACE_MS + PIPE_DRAIN_MS));
  };
  const out = cappedSink(maxBytes, () => stop('cap'));
  const err = cappedSink(maxBytes, () => stop('cap'));
  sub.stdout?.on('data', (c: Buffer) => out.push(c));
  sub.stderr?.on('data', (c: Buffer) => err.push(c));
  if (pid !== undefined) trackGroup(pid);
  timers.push(setTimeout(() => stop('timeout'), opts.timeoutMs));
  const onAbort = () => stop('timeout');
  if (opts.signal?.aborted) onAbort();
  else opts.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const r = await Promise.race([sub, hardStop.then(() => null)]);
    if (r === null) {
      // Something outside the group still holds our pipes: stop listening and report what we have.
      sub.stdout?.destroy();
      sub.stderr?.destroy();
    }
    if (r && r.failed && r.code === 'ENOENT' && pid === undefined) return notFound(startedAt);
    const spawnError = r && pid === undefined ? (r.shortMessage ?? 'could not start') : '';
    return {
      found: true,
      stdout: out.text(),
      stderr: spawnError || err.text(),
      exitCode: r?.exitCode ?? null,
      signal: r?.signal ?? (r === null ? 'SIGKILL' : null),
      timedOut,
      durationMs: Math.round(performance.now() - startedAt),
      outputTruncated: outputTruncated || out.overflowed,
      stdoutBytes: out.seen,
      ...(killedAfterMs === undefined ? {} : { killedAfterMs }),
    };
  } finally {
    for (const t of timers) clearTimeout(t);
    opts.signal?.removeEventListener('abort', onAbort);
    if (pid !== undefined) {
      // Stragglers of a group whose leader exited on its own (a backgrounded child) go too.
      killGroup(pid, 'SIGKILL');
      untrackGroup(pid);
    }
  }
}
