import { A } from '../../bundle/artifacts.js';
import { sourceDeadline } from '../deadline.js';
import type { Collector } from '../types.js';
import { kubectlFallback } from './fallback.js';
import { findKubeconfig } from './kubeconfig.js';
import { API_IDS, apiFailed } from './resources.js';

// The substrate layer's evidence from the Kubernetes API (facts §7; dependency notes §1a):
//   k8s/nodes, k8s/pods (namespace), k8s/events (namespace, --hours window, oldest first): API list JSON
//     (kind, apiVersion, metadata, items) with metadata.managedFields stripped, 2-space indent;
//   k8s/logs/<pod>[.previous] for redis-0 and inngest-0: text, 500 lines / 512 KiB, with timestamps;
//   cmd/kubectl-get-nodes, cmd/kubectl-get-pods: run only when the API was not reached, else skipped.
// The whole source, kubectl included, has one --timeout (src/collect/deadline.ts). If the first call gets no
// HTTP answer the cluster is unreachable: the remaining API artifacts take that reason at once. The client
// (src/collect/k8s/api.ts) is loaded only when there is a kubeconfig to use.

/** The Kubernetes collector. */
export const k8sCollector: Collector = {
  id: 'k8s',
  title: 'Kubernetes',
  ids: [...API_IDS, A.kubectlNodes.id, A.kubectlPods.id],
  async collect(ctx) {
    const source = findKubeconfig(ctx.options);
    if (source.kind === 'none') {
      const deadline = sourceDeadline(ctx.options.timeoutMs, ctx.signal);
      return [...apiFailed(ctx.options.namespace, source.status, source.reason), ...(await kubectlFallback(ctx, deadline).run())];
    }
    const { readCluster } = await import('./api.js');
    // why: the deadline measures the cluster, so it starts once our own client is loaded
    return readCluster(ctx, source, sourceDeadline(ctx.options.timeoutMs, ctx.signal));
  },
};
