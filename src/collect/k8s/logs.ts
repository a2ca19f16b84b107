import type * as k8s from '@kubernetes/client-node';
import { CORE_PODS, podLogId } from '../../bundle/artifacts.js';
import type { SourceDeadline } from '../deadline.js';
import { type K8sOutcome, k8sCall } from './client.js';
import type { CollectContext, StagedArtifact } from '../types.js';

// Log tails of the pods the gateway leans on (redis-0, inngest-0; facts §7). The previous container's log
// is read only when a container restarted: that is where the crash that caused the restart is.
// readNamespacedPodLog buffers the whole body, so both tailLines and limitBytes bound it.

export const LOG_TAIL_LINES = 500;
export const LOG_LIMIT_BYTES = 512 * 1024;

const restarts = (pod: k8s.V1Pod): number =>
  (pod.status?.containerStatuses ?? []).reduce((n, s) => n + (s.restartCount ?? 0), 0);

/** Every core pod's log tails, or why not (pod list failed, pod absent, no restart). */
export async function podLogArtifacts(
  ctx: Pick<CollectContext, 'options' | 'progress'>,
  core: k8s.CoreV1Api,
  pods: K8sOutcome<k8s.V1PodList>,
  deadline: SourceDeadline,
): Promise<StagedArtifact[]> {
  const { namespace } = ctx.options;
  const out: StagedArtifact[] = [];
  for (const name of CORE_PODS) {
    const resource = `pods/${namespace}/${name}/log`;
    const current = { id: podLogId(name), source: { resource } };
    const previous = { id: podLogId(name, true), source: { resource: `${resource}?previous=true` } };
    if (!pods.ok) {
      const why = { status: pods.status, reason: `pod list unavailable: ${pods.reason}` } as const;
      out.push({ ...current, ...why }, { ...previous, ...why });
      continue;
    }
    const pod = pods.value.items.find((p) => p.metadata?.name === name);
    if (!pod) {
      const reason = `pod ${name} not found in namespace ${namespace}`;
      out.push({ ...current, status: 'missing', reason }, { ...previous, status: 'missing', reason });
      continue;
    }
    // Multi-container pods need a container name; the first one is the workload by convention.
    const containers = pod.spec?.containers ?? [];
    const container = containers.length > 1 ? containers[0]?.name : undefined;
    const read = async (prev: boolean, art: { id: string; source: StagedArtifact['source'] }): Promise<StagedArtifact> => {
      ctx.progress(`k8s: ${art.id}`);
      const r = await k8sCall(`log of ${name}${prev ? ' (previous)' : ''}`, deadline, (o) =>
        core.readNamespacedPodLog(
          { name, namespace, container, tailLines: LOG_TAIL_LINES, limitBytes: LOG_LIMIT_BYTES, timestamps: true, previous: prev },
          o,
        ),
      );
      if (!r.ok) return { ...art, status: r.status, reason: r.reason };
      const text = typeof r.value === 'string' ? r.value : String(r.value ?? '');
      return { ...art, status: 'ok', content: text, facts: { tailLines: LOG_TAIL_LINES, limitBytes: LOG_LIMIT_BYTES } };
    };
    out.push(await read(false, current));
    const n = restarts(pod);
    out.push(n > 0 ? await read(true, previous) : { ...previous, status: 'skipped', reason: `${name} has not restarted (restartCount 0)` });
  }
  return out;
}
