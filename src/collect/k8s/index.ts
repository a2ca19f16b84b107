import { A } from '../../bundle/artifacts.js';
import { deadlineOf } from '../deadline.js';
import type { Collector, StagedArtifact } from '../types.js';
import { kubectlFallback } from './fallback.js';
import { findKubeconfig } from './kubeconfig.js';
import { API_IDS, apiFailed } from './resources.js';
import { readApiInWorker } from './worker.js';

// The substrate layer's evidence from the Kubernetes API (facts §7; dependency notes §1a):
//   k8s/nodes, k8s/pods (namespace), k8s/events (namespace, --hours window, oldest first): API list JSON
//     (kind, apiVersion, metadata, items) with metadata.managedFields stripped, 2-space indent;
//   k8s/logs/<pod>[.previous] for redis-0 and inngest-0: text, 500 lines / 512 KiB, with timestamps;
//   cmd/kubectl-get-nodes, cmd/kubectl-get-pods: run only when the API was not reached, else skipped.
// The whole source, loading the client and kubectl included, has one --timeout (src/collect/deadline.ts); a
// client that loads slowly still leaves the API calls half of it. If the first call gets no HTTP answer the cluster is unreachable: the remaining API artifacts
// take that reason at once. The client is loaded only when there is a kubeconfig to use, in a worker thread
// (src/collect/k8s/worker.ts).

/** The Kubernetes collector. */
export const k8sCollector: Collector = {
  id: 'k8s',
  title: 'Kubernetes',
  ids: [...API_IDS, A.kubectlNodes.id, A.kubectlPods.id],
  async collect(ctx) {
    const { namespace } = ctx.options;
    const deadline = deadlineOf(ctx);
    const fallback = kubectlFallback(ctx, deadline);
    const source = findKubeconfig(ctx.options);
    if (source.kind === 'none') return [...apiFailed(namespace, source.status, source.reason), ...(await fallback.run())];
    let skipped: Promise<StagedArtifact[]> | undefined;
    const result = await readApiInWorker(ctx, source, {
      reached: () => {
        skipped = fallback.drop();
      },
      progress: (m) => ctx.progress(m),
    }, deadline.endsAtEpochMs);
    if (result.reached) return [...result.artifacts, ...(await (skipped ?? fallback.drop()))];
    return [...apiFailed(namespace, result.status, result.reason), ...(await fallback.run())];
  },
};
