import { BundleFormatError } from '../errors.js';
import { type ReadLimits, resolveLimits } from './limits.js';
import type { Manifest } from './manifest.js';
import { scanBundle } from './scan.js';

// `gwbundle verify`: the same pass as the reader, hashing without keeping artifact bodies, and listing every
// integrity problem rather than stopping at the first, so a damaged bundle shows all of its damage.

/** The outcome of verify: ok only when the bundle is safe, readable and every artifact matches the manifest. */
export interface VerifyResult {
  ok: boolean;
  /** One line per problem; an unsafe or unreadable bundle has exactly one. */
  problems: string[];
  manifest: Manifest | null;
  /** sha256 of the .tar.gz, when it could be read to the end. */
  sha256: string | null;
}

/** Checks a bundle's format, safety and integrity; never throws for a bad bundle, only reports it. */
export async function verifyBundle(file: string, limits: Partial<ReadLimits> = {}): Promise<VerifyResult> {
  const resolved = resolveLimits(limits);
  try {
    const scan = await scanBundle(file, resolved, false);
    return { ok: scan.problems.length === 0, problems: scan.problems, manifest: scan.manifest, sha256: scan.bundleSha256 };
  } catch (error) {
    // why: anything else is a fault of the tool, not of the bundle, and must surface as such
    if (!(error instanceof BundleFormatError)) throw error;
    return { ok: false, problems: [error.message], manifest: null, sha256: null };
  }
}
