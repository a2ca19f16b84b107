import { BUNDLE_ROOT } from './manifest.js';

// The one definition of what a tar entry of a bundle may look like. node-tar's list/parse mode does not
// sanitise names (only extraction does), so the reader checks every header against these rules itself.

/** The only tar entry type a bundle contains: links, devices, fifos and directories are refused. */
export const ALLOWED_ENTRY_TYPE = 'File';

/** Why an entry name could escape the folder it is extracted into (NUL, backslash, absolute, ".."), or null. */
export function escapingNameReason(name: string): string | null {
  if (name.includes('\0')) return 'NUL byte in the name';
  if (name.includes('\\')) return 'backslash in the name';
  if (name.startsWith('/')) return 'absolute path';
  // why: a Windows drive prefix is absolute for a Windows extractor even though it has no leading slash
  if (/^[a-zA-Z]:/.test(name)) return 'absolute path (drive letter)';
  if (name.split('/').includes('..')) return '".." segment';
  return null;
}

/** Why an entry name is unsafe, or null when it is a plain relative path under bundle/. */
export function unsafeNameReason(name: string): string | null {
  const escaping = escapingNameReason(name);
  if (escaping) return escaping;
  const segments = name.split('/');
  if (segments.some((s) => s === '' || s === '.')) return 'empty or "." segment';
  if (segments[0] !== BUNDLE_ROOT) return `outside ${BUNDLE_ROOT}/`;
  return null;
}

/** Why an entry type is refused, or null for a regular file. */
export function refusedTypeReason(type: string): string | null {
  if (type === ALLOWED_ENTRY_TYPE) return null;
  return `type ${type} not allowed (a bundle holds regular files only)`;
}
