import { resolve } from 'node:path';

// The contract's default bundle name: ./gwbundle-<host>-<UTC yyyymmddThhmmssZ>.tar.gz in the cwd.

/** A hostname reduced to characters that are safe in a file name. */
const safeHost = (host: string): string => host.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[-.]+/, '') || 'host';

/** `gwbundle-panda-20261127T120000Z.tar.gz`, resolved against `cwd`. */
export function defaultOutPath(host: string, now: Date, cwd = process.cwd()): string {
  const stamp = now.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
  return resolve(cwd, `gwbundle-${safeHost(host)}-${stamp}.tar.gz`);
}
