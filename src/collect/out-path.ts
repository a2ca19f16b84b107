import { hostname } from 'node:os';
import { dirname, resolve } from 'node:path';
import { checkDestination } from '../bundle/destination.js';

// The contract's default bundle name: ./gwbundle-<host>-<UTC yyyymmddThhmmssZ>.tar.gz in the cwd.

/** A hostname reduced to characters that are safe in a file name. */
const safeHost = (host: string): string => host.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[-.]+/, '') || 'host';

/** `gwbundle-panda-20261127T120000Z.tar.gz`, resolved against `cwd`. */
export function defaultOutPath(host: string, now: Date, cwd = process.cwd()): string {
  const stamp = now.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
  return resolve(cwd, `gwbundle-${safeHost(host)}-${stamp}.tar.gz`);
}

/** Where `collect -o` (or the default name) puts the bundle, as an absolute path. */
export const collectDestination = (outPath: string | null, now: Date): string => resolve(outPath ?? defaultOutPath(hostname(), now));

/** Refuses a bad destination (exists without --force, no such directory, not writable) before anything is collected. */
export async function checkCollectDestination(outPath: string | null, now: Date, force = false): Promise<string> {
  const dest = collectDestination(outPath, now);
  await checkDestination(dest, dirname(dest), force);
  return dest;
}
