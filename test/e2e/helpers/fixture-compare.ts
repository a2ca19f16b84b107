import type { BundleView } from '../../../src/bundle/view.js';

// A regenerated fixture bundle is compared with the committed one on what the collector decided (which artifacts,
// their statuses, reasons, cuts, redactions and bytes), not on where it ran: the simulated host's base dir and
// ports, the Redis server's own build facts and the collector's Node version are replaced by placeholders first.
// Everything else must be equal artifact by artifact, so a collector that collects, cuts or redacts differently
// still shows up as a difference.

/** Where one bundle was collected, as far as it shows inside the bundle. */
export interface CollectSite {
  /** The simulated host's base dir (root, bin and ctl live under it). */
  baseDir: string;
  /** Ports by role (redis, health, k8s, closed); every one a distinct number. */
  ports: Record<string, readonly number[]>;
}

/** INFO fields that describe the redis-server build and the machine it runs on, not the gateway's Redis state. */
const REDIS_SERVER_FACTS = ['redis_version', 'redis_git_sha1', 'redis_git_dirty', 'redis_build_id', 'os', 'arch_bits', 'gcc_version', 'process_id', 'run_id', 'tcp_port', 'executable', 'config_file'];
const REDIS_SERVER_FACT_LINE = new RegExp(`^(${REDIS_SERVER_FACTS.join('|')}):.*$`, 'gm');

/** The whole-number token `n` (not part of a longer number or word). */
const numberToken = (n: number) => new RegExp(`(?<![\\w.])${n}(?![\\w])`, 'g');

/** `text` with the site's base dir, ports and the collector's Node version replaced by placeholders. */
export function normalizeText(text: string, site: CollectSite): string {
  let out = text.replaceAll(site.baseDir, '<base-dir>');
  for (const [role, ports] of Object.entries(site.ports)) {
    for (const port of ports) out = out.replace(numberToken(port), `<${role}-port>`);
  }
  return out.replace(/"nodeVersion": "[^"]*"/g, '"nodeVersion": "<collector node>"');
}

/** Whether any of `ports` occurs as a whole number in `text` (then it cannot stand for a port unambiguously). */
export const portsOccurIn = (text: string, ports: readonly number[]): number[] => ports.filter((p) => numberToken(p).test(text));

/** Every text in a bundle: its manifest and every artifact's content. */
export function allText(view: BundleView): string {
  return [JSON.stringify(view.manifest, null, 2), ...view.ids().map((id) => view.text(id) ?? '')].join('\n');
}

/**
 * One comparable record per artifact id (plus `manifest` for the rest of the manifest): the entry without its
 * sha256 and size (the content is compared itself, normalised), with the bytes cut at the source instead of
 * the size at the source, then the normalised content.
 */
export function comparableArtifacts(view: BundleView, site: CollectSite): Map<string, string> {
  const out = new Map<string, string>();
  const { artifacts, ...rest } = view.manifest;
  out.set('manifest', normalizeText(JSON.stringify(rest, null, 2), site));
  for (const entry of artifacts) {
    const { sha256: _sha, bytes, bytesAtSource, ...kept } = entry;
    const notKept = bytesAtSource === null ? null : bytesAtSource - bytes;
    let content = view.text(entry.id) ?? '<no content>';
    if (entry.id === 'redis/info') content = content.replace(REDIS_SERVER_FACT_LINE, '$1:<redis-server>');
    out.set(entry.id, normalizeText(`${JSON.stringify({ ...kept, bytesNotKept: notKept }, null, 2)}\n${content}`, site));
  }
  return out;
}

/** Ids (or `manifest`) whose comparable records differ between two bundles, in sorted order. */
export function differingArtifacts(a: Map<string, string>, b: Map<string, string>): string[] {
  return [...new Set([...a.keys(), ...b.keys()])].filter((id) => a.get(id) !== b.get(id)).sort();
}
