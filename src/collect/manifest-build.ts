import type { ArtifactEntry, Manifest } from '../bundle/manifest.js';
import { MANIFEST_VERSION } from '../bundle/manifest.js';
import { TOOL_VERSION } from '../version.js';
import { captureTimeZone, hostFacts, hostUptimeSec } from './host/index.js';
import type { CollectOptions } from './types.js';

// The manifest around the entries: the capture clock, the host, the options the run used (redisUrl already
// without its password and redacted) and the redaction totals. Under SOURCE_DATE_EPOCH nothing here depends
// on when or how long the run took, so the same machine gives the same bytes.

export interface ManifestInput {
  options: CollectOptions;
  /** The sanitized, redacted Redis URL. */
  redisUrl: string;
  entries: ArtifactEntry[];
  totals: Record<string, number>;
  startedAtMs: number;
  finishedAt: Date;
}

/** The complete manifest (the writer fills each entry's path, sha256 and bytes). */
export function buildManifest(input: ManifestInput): Manifest {
  const { options: o } = input;
  const collectedAt = o.now.toISOString();
  const sde = o.sourceDateEpoch;
  return {
    schema: 'gwbundle.manifest',
    manifestVersion: MANIFEST_VERSION,
    tool: { name: 'gwbundle', version: TOOL_VERSION },
    capture: {
      collectedAt,
      finishedAt: sde ? collectedAt : input.finishedAt.toISOString(),
      timeZone: captureTimeZone(),
      hostUptimeSec: hostUptimeSec(o),
      sourceDateEpoch: sde,
      durationMs: sde ? 0 : Math.max(0, input.finishedAt.getTime() - input.startedAtMs),
    },
    host: hostFacts(o),
    options: {
      hours: o.hours,
      maxSizeBytes: o.maxSizeBytes,
      timeoutSec: o.timeoutMs / 1000,
      root: o.root,
      home: o.home,
      redisUrl: input.redisUrl,
      kubeconfig: o.kubeconfig,
      namespace: o.namespace,
      redact: o.redact,
      e2e: o.e2e,
      probeModelApi: o.probeModelApi,
    },
    redaction: { enabled: o.redact, totals: Object.fromEntries(Object.entries(input.totals).sort(([a], [b]) => (a < b ? -1 : 1))) },
    artifacts: input.entries,
  };
}
