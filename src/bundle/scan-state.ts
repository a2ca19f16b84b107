import { createHash } from 'node:crypto';
import type { ReadEntry } from 'tar';
import { type ArtifactBody, PackedBody } from './body.js';
import { escapingNameReason, refusedTypeReason, unsafeNameReason } from './entry-rules.js';
import type { ReadLimits } from './limits.js';
import { type ArtifactEntry, MANIFEST_ENTRY, type Manifest } from './manifest.js';
import { parseManifest } from './manifest-check.js';

/** How every refusal of an archive that is not a gwbundle bundle starts. */
export const NOT_OURS = 'not a gwbundle bundle';

// Per-entry bookkeeping of one scan: the safety rules (names, types, counts, sizes, manifest first) end the scan
// through onFatal; integrity findings (hashes, sizes, unlisted or missing entries) are collected as lines.

/** Artifacts bigger than this are kept compressed (src/bundle/body.ts). */
export const PACK_OVER_BYTES = 1024 * 1024;
/** The one line for an archive whose first entry is not our manifest: it is not ours, and says what it starts with. */
function notOursReason(entry: Pick<ReadEntry, 'path' | 'type'>): string {
  const quoted = JSON.stringify(entry.path);
  // why: only a name that could escape is worth a word here; "outside bundle/" is what every foreign archive has
  const unsafe = escapingNameReason(entry.path);
  const what = entry.type === 'File' ? quoted : `${entry.type === 'Directory' ? 'directory' : `a ${entry.type} entry`} ${quoted}`;
  return `${NOT_OURS} (no manifest: the archive starts with ${what}${unsafe ? `, an unsafe path (${unsafe})` : ''}, not ${MANIFEST_ENTRY})`;
}

/** The mutable state of one pass over a bundle's tar entries. */
export class ScanState {
  readonly problems: string[] = [];
  readonly bodies = new Map<string, Buffer | ArtifactBody>();
  /** Called once with a one-line reason to stop the scan; set by the driver. */
  onFatal: (message: string) => void = () => undefined;
  private manifest: Manifest | null = null;
  private byPath = new Map<string, ArtifactEntry>();
  private seen = new Set<string>();
  private entries = 0;
  private total = 0;
  private stopped = false;

  constructor(
    private readonly limits: ReadLimits,
    private readonly keepBodies: boolean,
  ) {}

  /** Checks one entry's header, then consumes its body (the manifest buffered, artifacts hashed). */
  onEntry(entry: ReadEntry): void {
    if (this.stopped) return void entry.resume();
    const name = entry.path;
    const quoted = JSON.stringify(name);
    // why: a bundle is ours only when it starts with our manifest; any other archive (a tarred directory, a
    // random .tar.gz) is "not a gwbundle bundle" first, whatever its first entry looks like
    if (this.entries === 0 && name !== MANIFEST_ENTRY) return this.stop(entry, notOursReason(entry));
    // why: type first, so a directory ("bundle/dir/") is named as a directory rather than an odd path
    const refused = refusedTypeReason(entry.type);
    if (refused) return this.stop(entry, `entry ${quoted}: ${refused}`);
    const unsafe = unsafeNameReason(name);
    if (unsafe) return this.stop(entry, `entry ${quoted}: unsafe path (${unsafe})`);
    this.entries += 1;
    if (this.entries > this.limits.maxEntries) {
      return this.stop(entry, `more than ${this.limits.maxEntries} entries (maxEntries)`);
    }
    if (entry.size > this.limits.maxEntryBytes) {
      return this.stop(entry, `entry ${quoted}: ${entry.size} bytes, over the per-entry limit of ${this.limits.maxEntryBytes} (maxEntryBytes)`);
    }
    this.total += entry.size;
    if (this.total > this.limits.maxTotalBytes) {
      return this.stop(entry, `entries total more than ${this.limits.maxTotalBytes} bytes (maxTotalBytes)`);
    }
    if (this.entries === 1) return this.readManifest(entry);
    if (this.seen.has(name)) {
      this.problems.push(`entry ${quoted}: duplicate entry`);
      return void entry.resume();
    }
    this.seen.add(name);
    const artifact = this.byPath.get(name);
    if (!artifact) {
      this.problems.push(`entry ${quoted}: not listed in the manifest`);
      return void entry.resume();
    }
    this.readArtifact(entry, artifact);
  }

  /** After the last entry: the manifest (null when the archive had no entry) plus missing-entry problems. */
  finish(): Manifest | null {
    if (this.manifest === null) return null;
    for (const artifact of this.manifest.artifacts) {
      if (artifact.path !== undefined && !this.seen.has(artifact.path)) {
        this.problems.push(`artifact ${artifact.id}: entry ${artifact.path} missing from the archive`);
      }
    }
    return this.manifest;
  }

  private stop(entry: ReadEntry, message: string): void {
    this.stopped = true;
    entry.resume();
    this.onFatal(message);
  }

  private readManifest(entry: ReadEntry): void {
    if (entry.size > this.limits.maxManifestBytes) {
      return this.stop(entry, `${MANIFEST_ENTRY}: ${entry.size} bytes, over the limit of ${this.limits.maxManifestBytes} (maxManifestBytes)`);
    }
    this.seen.add(entry.path);
    const chunks: Buffer[] = [];
    entry.on('data', (chunk: Buffer) => chunks.push(chunk));
    // why: this listener runs before the parser emits the next entry, so the manifest is known in time
    entry.on('end', () => {
      if (this.stopped) return;
      try {
        this.manifest = parseManifest(Buffer.concat(chunks).toString('utf8'));
      } catch (error) {
        this.stopped = true;
        return this.onFatal((error as Error).message);
      }
      for (const artifact of this.manifest.artifacts) {
        if (artifact.path !== undefined) this.byPath.set(artifact.path, artifact);
      }
    });
  }

  private readArtifact(entry: ReadEntry, artifact: ArtifactEntry): void {
    const hash = createHash('sha256');
    // why: a small body is one allocation of the size the header declared (already checked against the
    // limits); a big one is compressed block by block as it streams by (src/bundle/body.ts), so the reader
    // never holds a big artifact whole
    const packed = this.keepBodies && entry.size > PACK_OVER_BYTES ? new PackedBody() : null;
    const body = this.keepBodies && !packed ? Buffer.allocUnsafe(entry.size) : null;
    let bytes = 0;
    entry.on('data', (chunk: Buffer) => {
      hash.update(chunk);
      if (body) chunk.copy(body, bytes);
      packed?.push(chunk);
      bytes += chunk.length;
    });
    entry.on('end', () => {
      if (this.stopped) return;
      if (hash.digest('hex') !== artifact.sha256) {
        this.problems.push(`artifact ${artifact.id}: sha256 mismatch (damaged or tampered)`);
      }
      if (bytes !== artifact.bytes) {
        this.problems.push(`artifact ${artifact.id}: ${bytes} bytes in the archive, manifest says ${artifact.bytes}`);
      }
      if (body) this.bodies.set(artifact.id, body.subarray(0, bytes));
      if (packed) this.bodies.set(artifact.id, packed.end());
    });
  }
}
