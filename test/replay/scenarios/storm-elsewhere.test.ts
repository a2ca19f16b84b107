import { expect } from 'vitest';
import { podLogId } from '../../../src/bundle/artifacts.js';
import { replay } from '../../../src/replay/index.js';
import stormElsewhere, { STORM_LINES } from '../../../src/replay/scenarios/storm-elsewhere.js';
import { testScenario } from '../../helpers/scenario-tester.js';
import type { K8sStateSpec } from '../../helpers/simulated-host/spec.js';
import { bundleOfDraft, bundleOfPreset, draftOf } from './host-bundle.js';

/** Another preset's machine with the storm-elsewhere inngest-0 log. */
function withStorm(name: string, lines?: number) {
  const d = draftOf(name);
  const log = (draftOf('storm-elsewhere').k8s as K8sStateSpec).logs['inngest-0']!;
  const kept = lines === undefined ? log : `${log.split('\n').slice(0, lines + 1).join('\n')}\n`;
  if (typeof d.k8s === 'object') d.k8s.logs['inngest-0'] = kept;
  return bundleOfDraft(d);
}

testScenario(stormElsewhere, {
  fires: [
    {
      name: 'an Inngest retry storm beside a clean gateway (2026-07-26)',
      bundle: bundleOfPreset('storm-elsewhere'),
      check: (evidence) => {
        expect(evidence[0]).toMatchObject({ artifact: podLogId('inngest-0') });
        expect(evidence[0]?.excerpt).toMatch(/^40 error-like lines in this log tail/);
        expect(replay(bundleOfPreset('storm-elsewhere')).verdict.status).toBe('ok');
      },
    },
  ],
  quiet: [
    { name: 'the healthy machine', bundle: bundleOfPreset('healthy') },
    { name: `fewer than ${STORM_LINES} error lines`, bundle: withStorm('healthy', STORM_LINES - 1) },
    { name: 'the same storm while the gateway itself fails (auth expired)', bundle: withStorm('s2a-auth-expired') },
    { name: 'the same storm on a machine without the gateway', bundle: withStorm('no-gateway') },
  ],
});
