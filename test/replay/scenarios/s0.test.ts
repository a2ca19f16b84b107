import s0 from '../../../src/replay/scenarios/s0.js';
import { nodeObject, podObject } from '../../helpers/fake-k8s.js';
import { testScenario } from '../../helpers/scenario-tester.js';
import type { K8sStateSpec } from '../../helpers/simulated-host/spec.js';
import { toSpec } from '../../helpers/simulated-host/presets.js';
import { bundleOfDraft, bundleOfPreset, bundleOfSpec, draftOf } from './host-bundle.js';

const withK8s = (change: (k: K8sStateSpec) => void) => {
  const d = draftOf('healthy');
  change(d.k8s as K8sStateSpec);
  return bundleOfDraft(d);
};

/** A Linux host: no colima on PATH, the cluster reached directly. */
const noColima = () => {
  const spec = toSpec(draftOf('healthy'));
  delete spec.commands.colima;
  return bundleOfSpec(spec);
};

testScenario(s0, {
  fires: [
    { name: 'the s0 preset: colima not running and kubectl refused', bundle: bundleOfPreset('s0-substrate') },
    { name: 'a node that is not Ready', bundle: withK8s((k) => (k.nodes = [nodeObject('colima', false)])) },
    { name: 'redis-0 stuck Pending', bundle: withK8s((k) => (k.pods[0] = podObject('redis-0', 'joelclaw', 'Pending', { ready: false, restartCount: 0 }))) },
  ],
  quiet: [
    { name: 'the healthy machine', bundle: bundleOfPreset('healthy') },
    { name: 'a Linux host without colima and a healthy cluster', bundle: noColima() },
    { name: 'redis-0 Running but not ready yet (degraded, not an outage)', bundle: withK8s((k) => (k.pods[0] = podObject('redis-0', 'joelclaw', 'Running', { ready: false, restartCount: 1 }))) },
    { name: 'Redis alone down while the substrate is up (scenario 4)', bundle: bundleOfPreset('s4-redis-degraded') },
  ],
});
