import { spawn } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

// One measured run: the real CLI (dist/cli.js, as a user runs it) in a fresh process, timed from spawn to exit
// (whole process: start-up, module loading and the work), with its peak RSS from its own accounting
// (rusage.mjs) and each stderr line stamped with the time it arrived, for the phases of a collect.

const REPO = fileURLToPath(new URL('../..', import.meta.url));
export const CLI = join(REPO, 'dist', 'cli.js');
const RUSAGE = fileURLToPath(new URL('./rusage.mjs', import.meta.url));

/** What one run measured. */
export interface Run {
  code: number | null;
  /** Wall time of the whole process, ms. */
  ms: number;
  /** Peak RSS of the process, MiB (null when it could not report it). */
  peakRssMiB: number | null;
  /** stderr lines, each with the ms since spawn when it arrived. */
  stderr: Array<{ at: number; line: string }>;
  stdout: string;
}

let runs = 0;

/** Runs `node <args>` (with the RSS preload when `measureRss`) and waits for it; a run past `timeoutMs` is killed. */
export async function runNode(args: string[], opts: { env?: NodeJS.ProcessEnv; work: string; timeoutMs?: number; stdout?: boolean }): Promise<Run> {
  const rss = join(opts.work, `rusage-${process.pid}-${runs++}`);
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', RUSAGE, ...args], {
    cwd: opts.work,
    env: { ...opts.env, GWBUNDLE_BENCH_RUSAGE: rss },
    stdio: ['ignore', opts.stdout === false ? 'ignore' : 'pipe', 'pipe'],
  });
  const stderr: Run['stderr'] = [];
  let pending = '';
  let stdout = '';
  child.stdout?.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
  child.stderr?.on('data', (c: Buffer) => {
    pending += c.toString('utf8');
    for (let nl = pending.indexOf('\n'); nl >= 0; nl = pending.indexOf('\n')) {
      stderr.push({ at: Math.round(performance.now() - started), line: pending.slice(0, nl) });
      pending = pending.slice(nl + 1);
    }
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 300_000);
  const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
  clearTimeout(timer);
  const ms = Math.round(performance.now() - started);
  const kib = Number(await readFile(rss, 'utf8').catch(() => 'NaN'));
  await rm(rss, { force: true });
  return { code, ms, peakRssMiB: Number.isFinite(kib) ? Math.round(kib / 1024) : null, stderr, stdout };
}

/** `gwbundle <args>` as a user runs it. */
export const runCli = (args: string[], opts: Parameters<typeof runNode>[1]): Promise<Run> => runNode([CLI, ...args], opts);

/** Wall time of `gzip -dc file > /dev/null`, the floor a report is compared with. */
export async function gunzipMs(file: string): Promise<number> {
  const started = performance.now();
  const child = spawn('gzip', ['-dc', file], { stdio: ['ignore', 'ignore', 'inherit'] });
  const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
  if (code !== 0) throw new Error(`gzip -dc ${file} exited ${code}`);
  return Math.round(performance.now() - started);
}
