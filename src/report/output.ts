import { randomBytes } from 'node:crypto';
import { link, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { OutputExistsError, UsageError } from '../errors.js';

/**
 * Writes a report file whole or not at all (temp file + link/rename), and never over an existing file
 * unless `force`: nothing the user had is lost.
 */
export async function writeTextOutput(file: string, text: string, opts: { force: boolean }): Promise<void> {
  const tmp = join(dirname(file), `.${basename(file)}.tmp-${randomBytes(6).toString('hex')}`);
  try {
    await writeFile(tmp, text, { flag: 'wx' });
    if (opts.force) await rename(tmp, file);
    else await link(tmp, file); // fails with EEXIST instead of replacing, atomically
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new OutputExistsError(file);
    if (code === 'ENOENT') throw new UsageError(`--out ${file}: the directory does not exist`);
    throw new UsageError(`--out ${file}: ${(e as Error).message}`);
  } finally {
    await rm(tmp, { force: true });
  }
}
