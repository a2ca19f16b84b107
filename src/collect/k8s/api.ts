import * as k8s from '@kubernetes/client-node';
import { A } from '../../bundle/artifacts.js';
import { sourceDeadline } from '../deadline.js';
import { toJson } from '../format.js';
import type { CollectContext, CollectOptions, StagedArtifact } from '../types.js';
import { type K8sOutcome, k8sCall, loadKubeConfig } from './client.js';
import type { KubeconfigSource } from './kubeconfig.js';
import { eventsInWindow, wireList } from './lists.js';
import { podLogArtifacts } from './logs.js';

// Reading the cluster through the API (see index.ts for the artifacts), with every call drawing on the
// source's one deadline (it started with the collector: loading the client is part of the source's time,
// though a slow load never leaves the calls less than half of --timeout). It runs in a worker thread when it can
// (src/collect/k8s/worker.ts), so the client's memory is given back when the source is done.

const LIST_LIMIT = 500;

/** The API artifacts, or why the cluster was not reached (the caller then runs the kubectl fallback). */
export type ApiResult =
  | { reached: true; artifacts: StagedArtifact[] }
  | { reached: false; status: 'error' | 'timeout'; reason: string };

/** What the reader tells its caller as it goes. */
export interface ApiHooks {
  /** The cluster answered the first call: kubectl will not be needed. */
  reached(): void;
  progress(message: string): void;
}

/** A list outcome as an artifact. */
function listArtifact<T>(id: string, resource: string, r: K8sOutcome<T>, render: (v: T) => Omit<StagedArtifact, 'id' | 'source' | 'status'>): StagedArtifact {
  if (!r.ok) return { id, source: { resource }, status: r.status, reason: r.reason };
  return { id, source: { resource }, status: 'ok', ...render(r.value) };
}

/** Nodes, pods, events and the core pods' logs; stops at the first call when the cluster is not reached. */
export async function readApi(
  options: CollectOptions,
  source: Exclude<KubeconfigSource, { kind: 'none' }>,
  hooks: ApiHooks,
  runSignal: AbortSignal,
  endsAtEpochMs: number,
): Promise<ApiResult> {
  const { namespace, now, hours } = options;
  // why: loading our client counts against the source's --timeout, but never leaves the cluster under half of it
  const deadline = sourceDeadline(options.timeoutMs, runSignal, Math.max(endsAtEpochMs, Date.now() + options.timeoutMs / 2));
  let core: k8s.CoreV1Api;
  let from: string;
  try {
    const loaded = loadKubeConfig(source);
    core = loaded.kc.makeApiClient(k8s.CoreV1Api);
    from = loaded.from;
  } catch (e) {
    return { reached: false, status: 'error', reason: e instanceof Error ? e.message : String(e) };
  }
  hooks.progress('k8s: nodes');
  const nodes = await k8sCall('list nodes', deadline, (o) => core.listNode({ limit: LIST_LIMIT }, o));
  // No HTTP answer at all: the cluster is unreachable, and the other calls would only wait out the same deadline.
  if (!nodes.ok && !nodes.reached) return { reached: false, status: nodes.status, reason: nodes.reason };
  hooks.reached();
  hooks.progress('k8s: pods');
  const pods = await k8sCall(`list pods in ${namespace}`, deadline, (o) => core.listNamespacedPod({ namespace, limit: LIST_LIMIT }, o));
  hooks.progress('k8s: events');
  const events = await k8sCall(`list events in ${namespace}`, deadline, (o) => core.listNamespacedEvent({ namespace, limit: LIST_LIMIT }, o));
  const facts = { kubeconfig: from };
  const ctx: Pick<CollectContext, 'options' | 'progress'> = { options, progress: hooks.progress };
  return {
    reached: true,
    artifacts: [
      listArtifact(A.k8sNodes.id, 'nodes', nodes, (v) => ({ content: toJson(wireList(v, 'V1NodeList')), facts })),
      listArtifact(A.k8sPods.id, `pods/${namespace}`, pods, (v) => ({ content: toJson(wireList(v, 'V1PodList')), facts })),
      listArtifact(A.k8sEvents.id, `events/${namespace}`, events, (v) => {
        const w = eventsInWindow(wireList(v, 'CoreV1EventList'), now.getTime(), hours);
        return { content: toJson(w.list), facts: { ...facts, total: w.total, kept: w.kept, windowHours: hours } };
      }),
      ...(await podLogArtifacts(ctx, core, pods, deadline)),
    ],
  };
}
