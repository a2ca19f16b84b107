import * as k8s from '@kubernetes/client-node';
import { A } from '../../bundle/artifacts.js';
import type { SourceDeadline } from '../deadline.js';
import { toJson } from '../format.js';
import type { CollectContext, StagedArtifact } from '../types.js';
import { type K8sOutcome, k8sCall, loadKubeConfig } from './client.js';
import { kubectlFallback } from './fallback.js';
import type { KubeconfigSource } from './kubeconfig.js';
import { eventsInWindow, wireList } from './lists.js';
import { podLogArtifacts } from './logs.js';
import { apiFailed } from './resources.js';

// Reading the cluster through the API (see index.ts for the artifacts). Every call draws on the source's one
// deadline; the kubectl fallback runs beside a silent API once half of it is spent.

const LIST_LIMIT = 500;

/** A list outcome as an artifact. */
function listArtifact<T>(id: string, resource: string, r: K8sOutcome<T>, render: (v: T) => Omit<StagedArtifact, 'id' | 'source' | 'status'>): StagedArtifact {
  if (!r.ok) return { id, source: { resource }, status: r.status, reason: r.reason };
  return { id, source: { resource }, status: 'ok', ...render(r.value) };
}

/** Nodes, pods, events and the core pods' logs, or the kubectl fallback when the API is not reached. */
export async function readCluster(ctx: CollectContext, source: Exclude<KubeconfigSource, { kind: 'none' }>, deadline: SourceDeadline): Promise<StagedArtifact[]> {
  const { namespace, now, hours } = ctx.options;
  const fallback = kubectlFallback(ctx, deadline);
  let core: k8s.CoreV1Api;
  let from: string;
  try {
    const loaded = loadKubeConfig(source);
    core = loaded.kc.makeApiClient(k8s.CoreV1Api);
    from = loaded.from;
  } catch (e) {
    return [...apiFailed(namespace, 'error', e instanceof Error ? e.message : String(e)), ...(await fallback.run())];
  }
  ctx.progress('k8s: nodes');
  const nodes = await k8sCall('list nodes', deadline, (o) => core.listNode({ limit: LIST_LIMIT }, o));
  // No HTTP answer at all: the cluster is unreachable, and the other calls would only wait out the same deadline.
  if (!nodes.ok && !nodes.reached) return [...apiFailed(namespace, nodes.status, nodes.reason), ...(await fallback.run())];
  const skipped = fallback.drop();
  ctx.progress('k8s: pods');
  const pods = await k8sCall(`list pods in ${namespace}`, deadline, (o) => core.listNamespacedPod({ namespace, limit: LIST_LIMIT }, o));
  ctx.progress('k8s: events');
  const events = await k8sCall(`list events in ${namespace}`, deadline, (o) => core.listNamespacedEvent({ namespace, limit: LIST_LIMIT }, o));
  const facts = { kubeconfig: from };
  return [
    listArtifact(A.k8sNodes.id, 'nodes', nodes, (v) => ({ content: toJson(wireList(v, 'V1NodeList')), facts })),
    listArtifact(A.k8sPods.id, `pods/${namespace}`, pods, (v) => ({ content: toJson(wireList(v, 'V1PodList')), facts })),
    listArtifact(A.k8sEvents.id, `events/${namespace}`, events, (v) => {
      const w = eventsInWindow(wireList(v, 'CoreV1EventList'), now.getTime(), hours);
      return { content: toJson(w.list), facts: { ...facts, total: w.total, kept: w.kept, windowHours: hours } };
    }),
    ...(await podLogArtifacts(ctx, core, pods, deadline)),
    ...(await skipped),
  ];
}
