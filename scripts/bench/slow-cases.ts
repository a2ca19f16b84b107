import { join } from 'node:path';
import { createSimulatedHost } from '../../test/helpers/simulated-host/index.js';
import { healthyDraft, toSpec } from '../../test/helpers/simulated-host/presets.js';
import { runChild } from './child.js';
import type { BenchContext } from './collect-cases.js';
import { capNote, phases } from './notes.js';
import { rssOf, secs } from './table.js';

// Section "Collect", slow sources: every collector runs at once, so three commands that each take 2 s should
// add about 2 s to the wall time, not 6.

/** What each slow fake command waits before answering. */
export const SLOW_DELAY_MS = 2000;

/** Collect of the healthy preset, with `slow` commands answering after SLOW_DELAY_MS each. */
async function collectWithSlow(ctx: BenchContext, slow: readonly ('colima' | 'pi' | 'ps')[], db: number) {
  const spec = toSpec(healthyDraft());
  for (const name of slow) for (const answer of Object.values(spec.commands[name] ?? {})) answer.delayMs = SLOW_DELAY_MS;
  const host = await createSimulatedHost(spec, { redisPort: ctx.redisPort, redisDb: db });
  try {
    const o = host.collectOptions({ timeoutMs: 5000 });
    return await runChild('collect', { options: { ...o, now: o.now.toISOString() }, outPath: join(ctx.work, `slow-${db}.tar.gz`) });
  } finally {
    await host.stop();
  }
}

/** The healthy preset as is, then with colima, pi and ps slow: the difference should be about one delay. */
export async function slowSourceCases(ctx: BenchContext): Promise<void> {
  ctx.log('collect: healthy preset, then with 3 slow commands...');
  const base = await collectWithSlow(ctx, [], 12);
  const slow = await collectWithSlow(ctx, ['colima', 'pi', 'ps'], 13);
  ctx.rows.push(
    { section: 'Collect', what: 'collect, healthy preset (small logs): the baseline', wall: secs(base.ms), rss: rssOf(base), notes: `${phases(base)}; ${capNote(base)}` },
    {
      section: 'Collect',
      what: `collect, healthy preset with colima, pi and ps each answering after ${SLOW_DELAY_MS / 1000} s`,
      wall: secs(slow.ms),
      rss: rssOf(slow),
      notes: `${phases(slow)}; +${secs(slow.ms - base.ms)} over the baseline (in sequence the three would add ${secs(3 * SLOW_DELAY_MS)})`,
    },
  );
}
