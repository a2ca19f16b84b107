import { A, CORE_PODS, podLogId } from '../../bundle/artifacts.js';
import type { StagedArtifact } from '../types.js';

// The API artifacts and the resource each one reads, for the manifest's `source` (no client needed).

/** The pod log artifacts: current and previous log of every core pod. */
export const POD_LOG_IDS: readonly string[] = CORE_PODS.flatMap((pod) => [podLogId(pod), podLogId(pod, true)]);

export const API_IDS: readonly string[] = [A.k8sNodes.id, A.k8sPods.id, A.k8sEvents.id, ...POD_LOG_IDS];

/** `nodes`, `pods/<ns>`, `events/<ns>`, `pods/<ns>/<pod>/log[?previous=true]`. */
export const resourceOf = (id: string, namespace: string): string =>
  id === A.k8sNodes.id ? 'nodes'
  : id === A.k8sPods.id ? `pods/${namespace}`
  : id === A.k8sEvents.id ? `events/${namespace}`
  : `pods/${namespace}/${id.slice('k8s/logs/'.length).replace(/\.previous$/, '')}/log${id.endsWith('.previous') ? '?previous=true' : ''}`;

/** Every API artifact failed the same way (no kubeconfig, or the cluster not reached). */
export function apiFailed(namespace: string, status: 'error' | 'timeout' | 'missing', reason: string): StagedArtifact[] {
  return API_IDS.map((id): StagedArtifact => ({
    id,
    source: { resource: resourceOf(id, namespace) },
    status,
    reason: status === 'missing' ? reason : `cluster unreachable: ${reason}`,
  }));
}
