import { posix } from 'node:path';
import { A } from '../../bundle/artifacts.js';
import { snapshotFile } from '../files/tail.js';
import { chooseTranscript, listSessionFiles, sessionListingArtifact } from './session-files.js';
import { openTranscriptWindow } from './window.js';
import type { CollectContext, Collector, StagedArtifact } from '../types.js';

// The session transcript (facts §1.4-1.5, §4): the live session's JSONL, picked by the id in
// ~/.joelclaw/gateway.session (what the daemon is running) or else by newest mtime (what `gateway review`
// picks), cut to the --hours window with its header line kept, plus a listing of every transcript. When
// gateway.session names a session without a file, pi has not written it yet: no older file stands in for it.

const SESSIONS_DIR = '.joelclaw/sessions/gateway';
const SESSION_ID_FILE = '.joelclaw/gateway.session';
/** A UUID as the daemon writes it; anything else is not used to pick a file. */
const SESSION_ID_RE = /^[0-9a-f-]{36}$/i;

async function readSessionId(ctx: CollectContext): Promise<string | null> {
  const snap = await snapshotFile(ctx.resolve(posix.join(ctx.options.home, SESSION_ID_FILE)), { capBytes: 1024, keep: 'head' });
  const id = snap.kind === 'ok' ? snap.content.trim() : '';
  return SESSION_ID_RE.test(id) ? id : null;
}

async function collectTranscript(ctx: CollectContext): Promise<StagedArtifact[]> {
  const dir = posix.join(ctx.options.home, SESSIONS_DIR);
  const listed = await listSessionFiles(ctx.resolve(dir));
  const listing = sessionListingArtifact(dir, listed);
  const id = A.sessionTranscript.id;
  if (!('files' in listed)) return [listing, { id, status: listed.status, reason: `${dir}: ${listed.reason}`, source: { path: dir } }];
  const sessionId = await readSessionId(ctx);
  const chosen = chooseTranscript(listed.files, sessionId);
  if (!chosen) return [listing, { id, status: 'missing', reason: `no *.jsonl in ${dir}`, source: { path: dir } }];
  if ('unwritten' in chosen) {
    const reason = `gateway.session names session ${chosen.unwritten}, which has no transcript yet (pi writes a session's file at its first assistant reply); the other transcripts in ${dir} are earlier sessions`;
    return [listing, { id, status: 'missing', reason, source: { path: dir }, facts: { sessionId: chosen.unwritten, chosenBy: 'none' } }];
  }
  const machinePath = posix.join(dir, chosen.file.name);
  const cutoffMs = ctx.options.now.getTime() - ctx.options.hours * 3_600_000;
  let opened;
  try {
    opened = await openTranscriptWindow(ctx.resolve(machinePath), cutoffMs);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return [listing, { id, status: code === 'ENOENT' ? 'missing' : 'error', reason: `${code ?? 'read failed'}`, source: { path: machinePath } }];
  }
  const { window: win, stream } = opened;
  const bytesCut = Math.max(0, win.size - win.bytes);
  const truncations: NonNullable<StagedArtifact['truncations']> = [];
  if (bytesCut > 0) {
    truncations.push(
      win.capped
        ? { reason: 'artifact-cap', kept: 'tail', bytesCut, note: 'read cap reached before the window start' }
        : { reason: 'window', kept: 'window', bytesCut, note: `entries before ${new Date(cutoffMs).toISOString()} left out; header kept` },
    );
  }
  const transcript: StagedArtifact = {
    id,
    status: win.capped ? 'truncated' : 'ok',
    source: { path: machinePath },
    stream,
    bytesAtSource: win.size,
    mtime: chosen.file.mtime,
    truncations,
    facts: {
      chosenBy: chosen.chosenBy,
      file: chosen.file.name,
      sessionId,
      linesKept: win.linesKept,
      ...(win.linesAtSource === null ? {} : { linesAtSource: win.linesAtSource }),
    },
  };
  return [listing, transcript];
}

/** The transcript collector. */
export const transcriptCollector: Collector = {
  id: 'transcript',
  title: 'session transcript',
  ids: [A.sessionListing.id, A.sessionTranscript.id],
  collect: collectTranscript,
};
