import { posix } from 'node:path';
import type { PlistValue } from 'plist';
import { A } from '../../bundle/artifacts.js';
import { fileArtifact } from './tail.js';
import { plistArtifact, plistDirs } from './plist-file.js';
import type { CollectContext, StagedArtifact } from '../types.js';

// Files whose path is not fixed: the tripwire job may be a LaunchAgent or a LaunchDaemon, and the gateway
// checkout (for packages/gateway/package.json, facts §1.10) is wherever the launchd job points.

/** How far up from a plist's directories the checkout root is looked for (infra/ is one level down). */
export const CHECKOUT_SEARCH_LEVELS = 4;
const PACKAGE_JSON_CAP = 256 * 1024;
const TRIPWIRE = 'com.joel.gateway-tripwire.plist';

/** The tripwire plist from whichever launchd domain has it (agent first: it is a user agent upstream). */
export async function tripwirePlist(ctx: CollectContext): Promise<StagedArtifact> {
  const candidates = [
    { domain: 'gui', path: posix.join(ctx.options.home, 'Library/LaunchAgents', TRIPWIRE) },
    { domain: 'system', path: posix.join('/Library/LaunchDaemons', TRIPWIRE) },
  ];
  for (const c of candidates) {
    const { artifact } = await plistArtifact(A.tripwirePlist.id, c.path, ctx.resolve(c.path));
    if (artifact.status !== 'missing') return { ...artifact, facts: { ...artifact.facts, domain: c.domain } };
  }
  return {
    id: A.tripwirePlist.id,
    status: 'missing',
    reason: `no ${TRIPWIRE} in ~/Library/LaunchAgents or /Library/LaunchDaemons`,
    source: { path: candidates[0]?.path },
    facts: { tried: candidates.map((c) => c.path) },
  };
}

/** `<dir>/packages/gateway/package.json` for each dir and its ancestors, nearest first, without repeats. */
export function packageJsonCandidates(dirs: readonly string[]): string[] {
  const out: string[] = [];
  for (const dir of dirs) {
    let d = posix.normalize(dir);
    for (let up = 0; up <= CHECKOUT_SEARCH_LEVELS; up++) {
      const p = posix.join(d, 'packages/gateway/package.json');
      if (!out.includes(p)) out.push(p);
      if (d === '/') break;
      d = posix.dirname(d);
    }
  }
  return out;
}

/** packages/gateway/package.json of the checkout the launchd job runs, found from the plists. */
export async function gatewayPackageJson(ctx: CollectContext, plists: Array<PlistValue | undefined>): Promise<StagedArtifact> {
  const id = A.gatewayPackageJson.id;
  const dirs = plists.flatMap((v) => plistDirs(v));
  if (dirs.length === 0) {
    return { id, status: 'missing', reason: 'no gateway plist with WorkingDirectory or ProgramArguments to locate the checkout', source: {} };
  }
  const candidates = packageJsonCandidates(dirs);
  for (const p of candidates) {
    const a = await fileArtifact(id, p, ctx.resolve(p), { capBytes: PACKAGE_JSON_CAP, keep: 'head' });
    if (a.status !== 'missing') return { ...a, facts: { foundFrom: dirs, candidatesTried: candidates.indexOf(p) + 1 } };
  }
  return {
    id,
    status: 'missing',
    reason: `no packages/gateway/package.json within ${CHECKOUT_SEARCH_LEVELS} levels above the plist's directories`,
    source: {},
    facts: { foundFrom: dirs, tried: candidates },
  };
}
