import * as z from 'zod';
import { ARTIFACT_ID_RE } from './artifacts.js';

// The manifest is the bundle's contract: the first tar entry, validated on read, published as JSON Schema
// (schemas/manifest.schema.json, written by `npm run schemas`). Bump MANIFEST_VERSION's minor for additive
// changes; a reader refuses an unknown major.

export const MANIFEST_VERSION = '1.0';
export const MANIFEST_MAJOR = 1;
/** Tar entry names: everything lives under this folder so `tar xzf` never spills into the cwd. */
export const BUNDLE_ROOT = 'bundle';
export const MANIFEST_ENTRY = `${BUNDLE_ROOT}/manifest.json`;
/** The tar entry name of an artifact. */
export const entryName = (artifactId: string): string => `${BUNDLE_ROOT}/${artifactId}`;

export const ArtifactStatus = z.enum(['ok', 'missing', 'error', 'timeout', 'truncated', 'skipped']);
export type ArtifactStatus = z.infer<typeof ArtifactStatus>;

export const ArtifactKindSchema = z.enum(['file', 'listing', 'command', 'redis', 'k8s', 'http', 'host']);

/** Where the bytes came from: exactly one of these is usually set. */
export const ArtifactSource = z
  .object({
    path: z.string().optional(), // a path on the collected machine (as the gateway sees it, not under --root)
    argv: z.array(z.string()).optional(),
    key: z.string().optional(), // a Redis key or pattern
    resource: z.string().optional(), // a k8s resource, e.g. "pods/joelclaw"
    url: z.string().optional(),
  })
  .strict();

/** A cut made to the artifact: by the time window, a per-artifact cap or the bundle budget. */
export const Truncation = z
  .object({
    reason: z.enum(['window', 'artifact-cap', 'max-size', 'output-cap', 'timeout']),
    kept: z.enum(['head', 'tail', 'window', 'none']),
    bytesCut: z.number().int().nonnegative(),
    note: z.string().optional(),
  })
  .strict();

export const ArtifactEntry = z
  .object({
    id: z.string().regex(ARTIFACT_ID_RE),
    kind: ArtifactKindSchema,
    title: z.string(),
    contentType: z.enum(['text', 'json', 'jsonl']),
    source: ArtifactSource,
    status: ArtifactStatus,
    /** Why: for missing / error / timeout / skipped, a one-line human reason. */
    reason: z.string().optional(),
    /** Present only when bytes are in the bundle. */
    path: z.string().optional(),
    sha256: z.string().regex(/^[0-9a-f]{64}$/).optional(),
    bytes: z.number().int().nonnegative(),
    /** Size at the source (a file's full size, a command's full output, a list's length in bytes) when known. */
    bytesAtSource: z.number().int().nonnegative().nullable(),
    truncations: z.array(Truncation),
    /** Source modification time (files), ISO; null under SOURCE_DATE_EPOCH or when unknown. */
    mtime: z.string().nullable().optional(),
    exitCode: z.number().int().nullable().optional(),
    signal: z.string().nullable().optional(),
    durationMs: z.number().nonnegative().optional(),
    httpStatus: z.number().int().nullable().optional(),
    /** A command's stderr, capped and redacted like any text. */
    stderr: z.string().optional(),
    /** Replacements made by redaction in this artifact, by rule id; never the values. */
    redactions: z.record(z.string(), z.number().int().nonnegative()),
    /** Free-form facts a collector records beside the bytes (e.g. a list's full length). */
    facts: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();
export type ArtifactEntry = z.infer<typeof ArtifactEntry>;

export const Manifest = z
  .object({
    schema: z.literal('gwbundle.manifest'),
    manifestVersion: z.string().regex(/^\d+\.\d+$/),
    tool: z.object({ name: z.literal('gwbundle'), version: z.string() }).strict(),
    capture: z
      .object({
        /** "Now" for every reader: the capture clock in UTC. */
        collectedAt: z.iso.datetime(),
        finishedAt: z.iso.datetime(),
        timeZone: z.string(),
        hostUptimeSec: z.number().nullable(),
        sourceDateEpoch: z.boolean(),
        durationMs: z.number().nonnegative(),
      })
      .strict(),
    host: z
      .object({
        hostname: z.string(),
        platform: z.string(),
        os: z.string(),
        osVersion: z.string(),
        arch: z.string(),
        uid: z.number().int().nullable(),
        nodeVersion: z.string(),
      })
      .strict(),
    options: z
      .object({
        hours: z.number().positive(),
        maxSizeBytes: z.number().int().positive(),
        timeoutSec: z.number().positive(),
        root: z.string(),
        home: z.string(),
        redisUrl: z.string(),
        kubeconfig: z.string().nullable(),
        namespace: z.string(),
        redact: z.boolean(),
        e2e: z.boolean(),
        probeModelApi: z.boolean(),
      })
      .strict(),
    redaction: z
      .object({
        enabled: z.boolean(),
        /** Totals by rule id over all artifacts. */
        totals: z.record(z.string(), z.number().int().nonnegative()),
      })
      .strict(),
    artifacts: z.array(ArtifactEntry),
  })
  .strict();
export type Manifest = z.infer<typeof Manifest>;

/** The major version of a manifestVersion string, or NaN. */
export const majorOf = (version: string): number => Number.parseInt(version.split('.')[0] ?? '', 10);
