import type { ArtifactEntry } from '../bundle/manifest.js';

// Collectors are declarations of what to gather from one kind of source; src/collect/run.ts alone runs them
// concurrently under the per-source timeout and the global deadline, and turns every failure into data.

/** Options every collector sees, already normalized by the CLI. */
export interface CollectOptions {
  /** Read the machine as if this were `/` (absolute). */
  root: string;
  /** The gateway owner's home as a path on the machine (not yet under root), e.g. /Users/joel. */
  home: string;
  hours: number;
  timeoutMs: number;
  maxSizeBytes: number;
  redisUrl: string;
  kubeconfig: string | null;
  namespace: string;
  e2e: boolean;
  probeModelApi: boolean;
  redact: boolean;
  /** The capture clock; under SOURCE_DATE_EPOCH it is that instant. */
  now: Date;
  sourceDateEpoch: boolean;
  /** Environment for child processes (PATH lookup of launchctl, colima, kubectl, ps, joelclaw, pi). */
  env: NodeJS.ProcessEnv;
  /** uid for the launchd gui/<uid> domain. */
  uid: number;
  /**
   * Where /health is asked when the machine has no port file: the daemon's default 3018 unless set. Not a flag:
   * tests set it so a simulated host never probes the real gateway's port on the machine running them.
   */
  defaultWsPort?: number;
}

/**
 * Content too big to hold at once (the log tails, the transcript window): read piece by piece when the
 * artifact is redacted and staged, so collect holds one piece of one big artifact at a time. Every piece
 * ends on a record or line boundary (never inside a PEM block), so redacting piece by piece finds what
 * redacting the whole would.
 */
export interface ContentStream {
  /** Bytes the pieces add up to, known up front. */
  readonly bytes: number;
  /** The content in order, as UTF-8 text. */
  pieces(): AsyncIterable<string>;
  /** Releases what the stream holds (an open file); called once, whether or not it was read. */
  close(): Promise<void>;
}

/** What a collector hands back for one artifact, before redaction, budgeting and packing. */
export interface StagedArtifact {
  id: string;
  status: ArtifactEntry['status'];
  reason?: string;
  source: ArtifactEntry['source'];
  /** Bytes to store (UTF-8 text or JSON). Absent for missing/skipped/failed-without-output. */
  content?: string;
  /** The bytes to store as a stream instead of `content` (never both). */
  stream?: ContentStream;
  bytesAtSource?: number | null;
  truncations?: ArtifactEntry['truncations'];
  mtime?: string | null;
  exitCode?: number | null;
  signal?: string | null;
  durationMs?: number;
  httpStatus?: number | null;
  stderr?: string;
  facts?: Record<string, unknown>;
}

/** Per-collector context: options, a signal that aborts at the global deadline, and a progress hook. */
export interface CollectContext {
  options: CollectOptions;
  signal: AbortSignal;
  /** When the run started every source (epoch ms): each source's --timeout counts from here (src/collect/deadline.ts). */
  startedAtEpochMs: number;
  /** Resolve a machine path under --root (`/tmp/joelclaw/x` -> `<root>/tmp/joelclaw/x`). */
  resolve(machinePath: string): string;
  progress(message: string): void;
}

/** One collector per source kind (files, commands, redis, k8s, http, host). */
export interface Collector {
  id: string;
  title: string;
  /**
   * The artifact ids this collector produces, when known up front: if it throws or misses the global
   * deadline, the executor records exactly these as `error` / `timeout`.
   */
  ids?: string[];
  collect(ctx: CollectContext): Promise<StagedArtifact[]>;
}
