import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { type Measured, RESULT_PREFIX } from './measure.js';

// The parent side of a measurement: run one case in a fresh node process (tsx loader, same Node), read its
// one result line, and turn a crash or a hang into a clear one-line error instead of a stuck bench.

const CHILD_MAIN = fileURLToPath(new URL('./child-main.ts', import.meta.url));
const REPO = fileURLToPath(new URL('../..', import.meta.url));

/** Runs `caseName` with `args` in a child process; rejects with the child's last stderr line on failure. */
export function runChild(caseName: string, args: Record<string, unknown>, timeoutMs = 120_000): Promise<Measured> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD_MAIN, caseName, JSON.stringify(args)], {
      cwd: REPO,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (stderr = (stderr + c.toString('utf8')).slice(-8192)));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('error', (e) => (clearTimeout(timer), reject(new Error(`bench ${caseName}: cannot start node: ${e.message}`))));
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      const line = stdout.split('\n').find((l) => l.startsWith(RESULT_PREFIX));
      if (code === 0 && line) return resolve(JSON.parse(line.slice(RESULT_PREFIX.length)) as Measured);
      const why = signal === 'SIGKILL' ? `killed after ${timeoutMs} ms` : `exit ${code ?? signal}`;
      const last = stderr.trim().split('\n').at(-1) ?? '';
      reject(new Error(`bench ${caseName} failed (${why}): ${last}`));
    });
  });
}
