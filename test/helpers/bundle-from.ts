import { createHash } from 'node:crypto';
import { FIXED_ARTIFACTS, artifactSpec } from '../../src/bundle/artifacts.js';
import { type ArtifactEntry, type Manifest, MANIFEST_VERSION, entryName } from '../../src/bundle/manifest.js';
import { type BundleView, viewFromContents } from '../../src/bundle/view.js';

/** Per-artifact overrides: content (string) and/or manifest fields. */
export type ArtifactInput = string | ({ content?: string } & Partial<ArtifactEntry>);

export const CAPTURED_AT = '2026-11-27T12:00:00.000Z';

/** A manifest with every fixed artifact `missing` unless given, and sensible host/options. */
export function manifestFrom(artifacts: Record<string, ArtifactInput>, over: Partial<Manifest> = {}): {
  manifest: Manifest;
  contents: Map<string, string>;
} {
  const contents = new Map<string, string>();
  const ids = new Set([...FIXED_ARTIFACTS.map((s) => s.id), ...Object.keys(artifacts)]);
  const entries: ArtifactEntry[] = [...ids].sort().map((id) => {
    const spec = artifactSpec(id);
    const input = artifacts[id];
    const given = typeof input === 'string' ? { content: input } : input;
    const content = given?.content;
    if (content !== undefined) contents.set(id, content);
    const bytes = content === undefined ? 0 : Buffer.byteLength(content);
    const base: ArtifactEntry = {
      id,
      kind: spec?.kind ?? 'file',
      title: spec?.title ?? id,
      contentType: spec?.contentType ?? 'text',
      source: {},
      status: content === undefined ? 'missing' : 'ok',
      ...(content === undefined
        ? { reason: 'not collected in this test bundle' }
        : { path: entryName(id), sha256: createHash('sha256').update(content).digest('hex') }),
      bytes,
      bytesAtSource: content === undefined ? null : bytes,
      truncations: [],
      redactions: {},
    };
    const { content: _c, ...fields } = given ?? {};
    return { ...base, ...fields };
  });
  const manifest: Manifest = {
    schema: 'gwbundle.manifest',
    manifestVersion: MANIFEST_VERSION,
    tool: { name: 'gwbundle', version: '0.1.0' },
    capture: {
      collectedAt: CAPTURED_AT,
      finishedAt: CAPTURED_AT,
      timeZone: 'UTC',
      hostUptimeSec: null,
      sourceDateEpoch: true,
      durationMs: 0,
    },
    host: { hostname: 'panda', platform: 'darwin', os: 'macOS', osVersion: '15.4', arch: 'arm64', uid: 501, nodeVersion: 'v20.20.2' },
    options: {
      hours: 1,
      maxSizeBytes: 25_000_000,
      timeoutSec: 10,
      root: '/',
      home: '/Users/joel',
      redisUrl: 'redis://localhost:6379',
      kubeconfig: null,
      namespace: 'joelclaw',
      redact: true,
      e2e: false,
      probeModelApi: false,
    },
    redaction: { enabled: true, totals: {} },
    artifacts: entries,
    ...over,
  };
  return { manifest, contents };
}

/** An in-memory bundle view for replay tests (troubleshoot's path->bytes map). */
export function bundleFrom(artifacts: Record<string, ArtifactInput>, over: Partial<Manifest> = {}): BundleView {
  const { manifest, contents } = manifestFrom(artifacts, over);
  return viewFromContents(manifest, contents);
}
