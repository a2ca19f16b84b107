import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { openBundle } from '../../../src/bundle/reader.js';
import { runCollect } from '../../../src/collect/index.js';
import type { CollectOptions, Collector } from '../../../src/collect/types.js';
import { replay } from '../../../src/replay/index.js';
import type { Diagnosis } from '../../../src/replay/types.js';
import type { SimulatedHost } from '../../helpers/simulated-host/index.js';

// Shared steps of the end-to-end pipeline tests: collect a simulated host into a file, read the packed bytes
// back, and reduce a diagnosis to what must not change between two bundles of one machine.

/** Collects `host` into `<dir>/<name>.tar.gz` with the host's options plus `over` (and other collectors); returns the path. */
export async function collectTo(
  host: SimulatedHost,
  dir: string,
  name: string,
  over: Partial<CollectOptions> = {},
  collectors?: readonly Collector[],
): Promise<string> {
  const outPath = join(dir, `${name}.tar.gz`);
  await runCollect(host.collectOptions(over), { outPath, ...(collectors ? { collectors } : {}) });
  return outPath;
}

/** The bundle's tar stream, gunzipped: every byte a reader of the file could see. */
export const tarBytes = async (bundle: string): Promise<string> => gunzipSync(await readFile(bundle)).toString('latin1');

/** The verdict, layer statuses and scenario ids: what redaction must never change. */
export function diagnosisShape(d: Diagnosis) {
  return {
    verdict: { status: d.verdict.status, layer: d.verdict.layer },
    layers: d.layers.map((l) => `${l.id}:${l.status}`),
    scenarios: d.scenarios.map((s) => s.id),
  };
}

/** Opens and replays a bundle file. */
export const diagnose = async (bundle: string): Promise<Diagnosis> => replay(await openBundle(bundle));
