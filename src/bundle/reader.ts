import { BundleFormatError } from '../errors.js';
import { type ReadLimits, resolveLimits } from './limits.js';
import { scanBundle } from './scan.js';
import { type BundleView, viewFromContents } from './view.js';

// The safe way into a bundle for report/inspect/show: one streaming pass with every safety and integrity rule
// enforced, then an in-memory view over the bytes as read (one allocation per artifact, decoded on demand). A bundle that verify would flag is refused here, so replay never reasons
// over damaged evidence.

/**
 * Reads, checks and decodes a .tar.gz bundle; any problem is a one-line BundleFormatError. With
 * `{ bodies: false }` every artifact is still hashed and checked, but only the manifest is kept (inspect).
 */
export async function openBundle(file: string, limits: Partial<ReadLimits> = {}, opts: { bodies?: boolean } = {}): Promise<BundleView> {
  const scan = await scanBundle(file, resolveLimits(limits), opts.bodies ?? true);
  const [first] = scan.problems;
  if (first !== undefined) {
    const more = scan.problems.length > 1 ? ` (+${scan.problems.length - 1} more: run gwbundle verify)` : '';
    throw new BundleFormatError(`${first}${more}`);
  }
  return viewFromContents(scan.manifest, scan.bodies, scan.bundleSha256);
}
