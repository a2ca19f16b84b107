import { execFile } from 'node:child_process';
import { chmod } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// Root reads and writes through any permission bits, and CI runs as root: a test of what happens when a file
// cannot be read or a directory cannot be written would never run there. Such a test runs its step in a child
// process as `nobody` when the suite runs as root, and as the suite's own user otherwise; either way the
// refusal is provoked for real.

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..', '..');

/** Whether the suite runs as root (then permission checks need another user). */
export const RUNS_AS_ROOT = process.getuid?.() === 0;

/** The uid/gid for child processes that must be refused by permission bits: nobody under root, else none. */
export const UNPRIVILEGED: { uid?: number; gid?: number } = RUNS_AS_ROOT ? { uid: 65534, gid: 65534 } : {};

/** Lets the unprivileged user reach (not list, not write) the test's own temp dir. */
export const letUnprivilegedIn = (dir: string): Promise<void> => chmod(dir, 0o711);

/** What a function called in the child gave: its JSON value, or the name and message of what it threw. */
export type CallResult = { value: unknown } | { error: { name: string; message: string } };

/**
 * Calls `exportName(...args)` of the TypeScript module `modulePath` (absolute) in a child node as the
 * unprivileged user; args and value travel as JSON.
 */
export function callUnprivileged(modulePath: string, exportName: string, args: unknown[]): Promise<CallResult> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', join(HERE, 'unprivileged-call.ts'), modulePath, exportName, JSON.stringify(args)],
      { cwd: ROOT, ...UNPRIVILEGED },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`child failed (${error.message.split('\n')[0]}): ${stderr}`));
        else resolve(JSON.parse(stdout) as CallResult);
      },
    );
  });
}
