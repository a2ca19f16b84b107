import * as k8s from '@kubernetes/client-node';
import { A } from '../../bundle/artifacts.js';
import { type K8sOutcome, NoKubeconfigError, k8sCall, loadKubeConfig, withTimeout } from './client.js';
import { toJson } from '../format.js';
import { kubectlFallback, kubectlSkipped } from './fallback.js';
import { eventsInWindow, wireList } from './lists.js';
import { POD_LOG_IDS, podLogArtifacts } from './logs.js';
import type { Collector, CollectContext, StagedArtifact } from '../types.js';

// The substrate layer's evidence from the Kubernetes API (facts §7; dependency notes §1a):
//   k8s/nodes, k8s/pods (namespace), k8s/events (namespace, --hours window, oldest first): API list JSON
//     (kind, apiVersion, metadata, items) with metadata.managedFields stripped, 2-space indent;
//   k8s/logs/<pod>[.previous] for redis-0 and inngest-0: text, 500 lines / 512 KiB, with timestamps;
//   cmd/kubectl-get-nodes, cmd/kubectl-get-pods: run only when the API was not reached, else skipped.
// Every call is bounded by --timeout. If the first call gets no HTTP answer the cluster is unreachable:
// the remaining API artifacts take that reason at once instead of each waiting out its own timeout.

const API_IDS = [A.k8sNodes.id, A.k8sPods.id, A.k8sEvents.id, ...POD_LOG_IDS];
const LIST_LIMIT = 500;

/** A list outcome as an artifact. */
function listArtifact<T>(id: string, resource: string, r: K8sOutcome<T>, render: (v: T) => Omit<StagedArtifact, 'id' | 'source' | 'status'>): StagedArtifact {
  if (!r.ok) return { id, source: { resource }, status: r.status, reason: r.reason };
  return { id, source: { resource }, status: 'ok', ...render(r.value) };
}

/** The resource each API artifact reads, for the manifest's `source`. */
const resourceOf = (id: string, namespace: string): string =>
  id === A.k8sNodes.id ? 'nodes'
  : id === A.k8sPods.id ? `pods/${namespace}`
  : id === A.k8sEvents.id ? `events/${namespace}`
  : `pods/${namespace}/${id.slice('k8s/logs/'.length).replace(/\.previous$/, '')}/log${id.endsWith('.previous') ? '?previous=true' : ''}`;

/** Every API artifact failed the same way, plus the kubectl fallback. */
async function unreachable(ctx: CollectContext, status: 'error' | 'timeout' | 'missing', reason: string): Promise<StagedArtifact[]> {
  const failed = API_IDS.map((id): StagedArtifact => ({
    id,
    source: { resource: resourceOf(id, ctx.options.namespace) },
    status,
    reason: status === 'missing' ? reason : `cluster unreachable: ${reason}`,
  }));
  return [...failed, ...(await kubectlFallback(ctx))];
}

/** The Kubernetes collector. */
export const k8sCollector: Collector = {
  id: 'k8s',
  title: 'Kubernetes',
  ids: [...API_IDS, A.kubectlNodes.id, A.kubectlPods.id],
  async collect(ctx) {
    const { namespace, timeoutMs, now, hours } = ctx.options;
    let core: k8s.CoreV1Api;
    let from: string;
    try {
      const loaded = loadKubeConfig(ctx.options);
      core = loaded.kc.makeApiClient(k8s.CoreV1Api);
      from = loaded.from;
    } catch (e) {
      return unreachable(ctx, e instanceof NoKubeconfigError ? 'missing' : 'error', e instanceof Error ? e.message : String(e));
    }
    const opts = () => withTimeout(timeoutMs, ctx.signal);
    ctx.progress('k8s: nodes');
    const nodes = await k8sCall('list nodes', timeoutMs, ctx.signal, () => core.listNode({ limit: LIST_LIMIT }, opts()));
    if (!nodes.ok && !nodes.reached) return unreachable(ctx, nodes.status, nodes.reason);
    ctx.progress('k8s: pods');
    const pods = await k8sCall(`list pods in ${namespace}`, timeoutMs, ctx.signal, () =>
      core.listNamespacedPod({ namespace, limit: LIST_LIMIT }, opts()));
    ctx.progress('k8s: events');
    const events = await k8sCall(`list events in ${namespace}`, timeoutMs, ctx.signal, () =>
      core.listNamespacedEvent({ namespace, limit: LIST_LIMIT }, opts()));
    const facts = { kubeconfig: from };
    return [
      listArtifact(A.k8sNodes.id, 'nodes', nodes, (v) => ({ content: toJson(wireList(v, 'V1NodeList')), facts })),
      listArtifact(A.k8sPods.id, `pods/${namespace}`, pods, (v) => ({ content: toJson(wireList(v, 'V1PodList')), facts })),
      listArtifact(A.k8sEvents.id, `events/${namespace}`, events, (v) => {
        const w = eventsInWindow(wireList(v, 'CoreV1EventList'), now.getTime(), hours);
        return { content: toJson(w.list), facts: { ...facts, total: w.total, kept: w.kept, windowHours: hours } };
      }),
      ...(await podLogArtifacts(ctx, core, pods)),
      ...kubectlSkipped(ctx),
    ];
  },
};
