import { A } from '../../bundle/artifacts.js';
import type { Scenario } from '../types.js';
import { fired, layerOf } from './evidence.js';

// SKILL "Known Failure Scenarios" 0: the substrate under the gateway is down (Colima stopped, the k8s API
// refusing or EOF, the node not Ready, redis-0 / inngest-0 not Running). Every gateway symptom is downstream.

const s0: Scenario = {
  id: '0',
  title: 'Substrate outage (Colima / k8s down)',
  cause: 'The Colima VM is stopped or the cluster is not ready, so Redis and the event bridge are gone; the gateway failure is downstream, not the root.',
  fix: [
    'Start Colima (`colima start`) and wait for the VM to report a runtime and an IP address.',
    'Wait for the k8s node to be Ready: `kubectl get nodes -o wide`.',
    'Verify redis-0 and inngest-0 are Running and ready: `kubectl get pods -n joelclaw redis-0 inngest-0`.',
    'Only then retest the gateway (`joelclaw gateway diagnose`); its Redis symptoms should clear without a daemon restart.',
  ],
  layer: 'substrate',
  match(ctx, layers) {
    const substrate = layerOf(ctx, layers, 'substrate');
    if (substrate?.status !== 'failed') return null; // degraded (a pod not ready yet) is not an outage
    const errors = substrate.findings.filter((f) => f.severity === 'error');
    const evidence = errors.flatMap((f) => f.evidence.map((e) => ({ ...e, excerpt: e.excerpt ?? f.text })));
    return fired(evidence.length > 0 ? evidence : [{ artifact: A.colimaStatus.id, excerpt: substrate.detail }]);
  },
};

export default s0;
