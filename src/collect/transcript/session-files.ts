import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { A } from '../../bundle/artifacts.js';
import { toJson } from '../format.js';
import type { StagedArtifact } from '../types.js';

// The gateway's pi transcripts (facts §1.5): one `<ISO-ish start>_<uuid>.jsonl` per session. The listing
// artifact shows every file (sizes and mtimes tell rotations apart) even though only one is bundled.

/** Listing entries kept; a gateway rotates at most a few times a day. */
export const LISTING_CAP = 500;

export interface SessionFile {
  name: string;
  size: number;
  mtime: string;
}

/** The *.jsonl files of a directory sorted by name, or why they cannot be listed. */
export async function listSessionFiles(dir: string): Promise<{ files: SessionFile[] } | { status: 'missing' | 'error'; reason: string }> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => n.endsWith('.jsonl')).sort();
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { status: 'missing', reason: 'no such directory' };
    return { status: 'error', reason: code === 'EACCES' ? 'permission denied' : `${code ?? 'readdir failed'}` };
  }
  const files: SessionFile[] = [];
  for (const name of names) {
    const st = await stat(join(dir, name)).catch(() => undefined);
    if (st?.isFile()) files.push({ name, size: st.size, mtime: st.mtime.toISOString() });
  }
  return { files };
}

/** The A.sessionListing artifact: JSON array of {name, size, mtime}, capped at LISTING_CAP entries. */
export function sessionListingArtifact(machineDir: string, listed: Awaited<ReturnType<typeof listSessionFiles>>): StagedArtifact {
  const id = A.sessionListing.id;
  const source = { path: machineDir };
  if (!('files' in listed)) return { id, status: listed.status, reason: listed.reason, source };
  const kept = listed.files.slice(0, LISTING_CAP);
  const content = toJson(kept);
  const full = toJson(listed.files);
  const cut = listed.files.length > kept.length;
  return {
    id,
    status: cut ? 'truncated' : 'ok',
    source,
    content,
    bytesAtSource: Buffer.byteLength(full),
    truncations: cut ? [{ reason: 'artifact-cap', kept: 'head', bytesCut: Buffer.byteLength(full) - Buffer.byteLength(content) }] : [],
    facts: { files: listed.files.length },
  };
}

/**
 * The live transcript: the file of the session id when there is one, else the newest by mtime. A session id
 * with no file is a session pi has not written yet (it writes nothing before the first assistant reply,
 * session-manager.js `_persist`): then no other file is the live one, and `unwritten` says so.
 */
export function chooseTranscript(
  files: readonly SessionFile[],
  sessionId: string | null,
): { file: SessionFile; chosenBy: 'session-id' | 'newest-mtime' } | { unwritten: string } | null {
  if (sessionId) {
    const byId = files.find((f) => f.name.endsWith(`_${sessionId}.jsonl`));
    return byId ? { file: byId, chosenBy: 'session-id' } : { unwritten: sessionId };
  }
  const newest = [...files].sort((a, b) => b.mtime.localeCompare(a.mtime) || b.name.localeCompare(a.name))[0];
  return newest ? { file: newest, chosenBy: 'newest-mtime' } : null;
}
