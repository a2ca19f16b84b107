import { constants } from 'node:fs';
import { access, link, lstat, open, rename, stat, unlink } from 'node:fs/promises';
import { BundleWriteError, OutputExistsError } from '../errors.js';

// Where the bundle lands, and how it gets there: a temp file beside the destination (same filesystem, so the
// final step is atomic) that is published without ever replacing a file the user already had.

const code = (error: unknown): string => (error as NodeJS.ErrnoException).code ?? 'error';

/**
 * Refuses early (one line) when the directory is missing, not a directory or not writable, or when the file
 * exists and `force` was not given (then it must at least be a file, never a directory or a link).
 */
export async function checkDestination(dest: string, dir: string, force = false): Promise<void> {
  const info = await stat(dir).catch((error: unknown) => {
    throw new BundleWriteError(`cannot write ${dest}: directory ${dir} ${code(error) === 'ENOENT' ? 'does not exist' : `is unreadable (${code(error)})`}`);
  });
  if (!info.isDirectory()) throw new BundleWriteError(`cannot write ${dest}: ${dir} is not a directory`);
  await access(dir, constants.W_OK).catch(() => {
    throw new BundleWriteError(`cannot write ${dest}: directory ${dir} is not writable`);
  });
  const existing = await lstat(dest).catch(() => null);
  if (existing && !force) throw new OutputExistsError(dest);
  if (existing && !existing.isFile()) throw new BundleWriteError(`cannot write ${dest}: it exists and is not a regular file (--force replaces files only)`);
}

/** Creates the temp file exclusively (never reusing a name) so nobody else's file is truncated. */
export async function reserveTemp(tempPath: string): Promise<void> {
  const handle = await open(tempPath, 'wx', 0o644);
  await handle.close();
}

/** Flushes a written file to disk before it is published under its final name. */
export async function fsyncPath(file: string, flags: 'r' | 'r+' = 'r+'): Promise<void> {
  const handle = await open(file, flags);
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Moves the finished temp file to `dest` without clobbering: link() fails if dest appeared meanwhile. Filesystems
 * without hard links fall back to a re-check and rename(). With `force`, rename() replaces dest atomically.
 */
export async function publish(tempPath: string, dest: string, force = false): Promise<void> {
  if (force) return rename(tempPath, dest);
  try {
    await link(tempPath, dest);
    await unlink(tempPath);
    return;
  } catch (error) {
    if (code(error) === 'EEXIST') throw new OutputExistsError(dest);
    if (!['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'EXDEV', 'EMLINK'].includes(code(error))) throw error;
  }
  if (await lstat(dest).catch(() => null)) throw new OutputExistsError(dest);
  await rename(tempPath, dest);
}
