// What the reader is willing to unpack from an untrusted bundle. A bundle comes from another machine (an issue
// attachment, a colleague's laptop), so every dimension that could exhaust memory or time has a hard cap.

const KiB = 1024;
const MiB = 1024 * KiB;
const GiB = 1024 * MiB;

/** Caps the reader enforces while streaming; exceeding any of them refuses the bundle. */
export interface ReadLimits {
  /** Size of the .tar.gz file itself, checked before it is opened. */
  maxCompressedBytes: number;
  /** Tar entries, the manifest included. */
  maxEntries: number;
  /** Declared size of one entry. */
  maxEntryBytes: number;
  /** Sum of the declared sizes of every entry. */
  maxTotalBytes: number;
  /** The manifest is parsed whole, so it gets its own small cap. */
  maxManifestBytes: number;
  /** Cumulative decompressed / compressed bytes (node-tar's gzip-bomb guard). */
  maxDecompressionRatio: number;
}

/** Defaults sized for real bundles (25 MB by default, never above a few hundred MB) with room to spare. */
export const DEFAULT_LIMITS: Readonly<ReadLimits> = Object.freeze({
  // 40x the default --max-size of 25 MB: anything bigger was not written by gwbundle.
  maxCompressedBytes: 1 * GiB,
  // ~50 fixed artifacts plus one per OTEL query and pod log: 10 000 leaves two orders of magnitude spare.
  maxEntries: 10_000,
  // the biggest artifact collect writes is the 32 MiB transcript window (logs are 16 MiB tails); the reader
  // buffers an artifact, so this bounds one allocation.
  maxEntryBytes: 64 * MiB,
  // a real bundle decodes to ~70 MB at most (docs/benchmarks.md); the reader keeps every artifact in memory,
  // so this bounds the whole view.
  maxTotalBytes: 160 * MiB,
  // a manifest lists artifacts and counts, a few hundred KB at most; 8 MiB is generous and still cheap to parse.
  maxManifestBytes: 8 * MiB,
  // node-tar's own default: repetitive logs compress ~300:1, a zero-filled bomb goes past 1000:1.
  maxDecompressionRatio: 1000,
});

/** The defaults with the caller's overrides; a non-positive or non-finite override is a programming error. */
export function resolveLimits(over: Partial<ReadLimits> = {}): ReadLimits {
  const limits: ReadLimits = { ...DEFAULT_LIMITS, ...over };
  for (const [name, value] of Object.entries(limits)) {
    // why: a NaN or 0 cap would silently refuse (or accept) everything
    if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
      throw new RangeError(`read limit ${name} must be a positive number, got ${String(value)} (${typeof value})`);
    }
  }
  return limits;
}
