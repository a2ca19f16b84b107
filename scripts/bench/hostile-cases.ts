import { join } from 'node:path';
import { A } from '../../src/bundle/artifacts.js';
import { openBundle } from '../../src/bundle/reader.js';
import { type BombEntry, buildBomb } from './bomb.js';
import type { BenchContext } from './hosts.js';
import { runCli } from './process.js';
import { MiB, type Row, mb, rssOf, secs } from './table.js';

// Section "Reader", hostile input: gzip bombs behind a genuine manifest must be refused, fast and in memory
// bounded by the read limits (src/bundle/limits.ts), whatever they claim to hold.

/** The bombs: one over the per-entry cap, and one at every read limit with its ratio just under 1000:1. */
const BOMBS: ReadonlyArray<{ label: string; entries: BombEntry[] }> = [
  { label: '1 GiB of zeros as gateway.log', entries: [{ id: A.gatewayLog.id, zeros: 1024 * MiB }] },
  {
    label: '2 x 250 MiB of zeros after 256 KB of base64 (every read limit, ratio held under 1000:1)',
    entries: [
      { id: A.pidFile.id, noise: 256 * 1024 },
      { id: A.gatewayLog.id, zeros: 250 * MiB },
      { id: A.gatewayErrLog.id, zeros: 250 * MiB },
    ],
  },
];

/** Each bomb through `gwbundle report` and `gwbundle verify`: refused or not, how fast, how much memory. */
export async function hostileCases(ctx: BenchContext, rows: Row[], genuine: string): Promise<void> {
  const manifest = (await openBundle(genuine)).manifest;
  for (const [i, bomb] of BOMBS.entries()) {
    ctx.log(`hostile: ${bomb.label}...`);
    const file = join(ctx.work, `bomb-${i}.tar.gz`);
    const size = await buildBomb(file, manifest, bomb.entries);
    for (const command of ['report', 'verify'] as const) {
      const r = await runCli([command, file], { env: { PATH: process.env.PATH }, work: ctx.work });
      const said = command === 'report' ? r.stderr.at(-1)?.line : r.stdout.trim().split('\n')[0];
      rows.push({
        section: 'Reader',
        what: `gwbundle ${command}, gzip bomb: ${bomb.label}, ${mb(size)} file`,
        wall: secs(r.ms),
        rss: rssOf(r),
        notes: r.code === 2 ? `refused (exit 2): ${said ?? ''}` : `NOT refused (exit ${r.code})`,
      });
    }
  }
}
