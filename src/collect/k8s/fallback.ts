import { A } from '../../bundle/artifacts.js';
import { commandArtifact, runCommand } from '../commands/exec.js';
import type { SourceDeadline } from '../deadline.js';
import type { CollectContext, StagedArtifact } from '../types.js';

// When the API client cannot reach the cluster, kubectl may still (exec auth plugins, a proxy, a context
// our client does not understand), and when it cannot, its stderr ("The connection to the server ... was
// refused") is the substrate evidence the hand procedure reads (facts §7). It shares the source's deadline
// with the API calls: it starts as soon as the API is known unreachable, or once half the deadline has
// passed without an answer (an API that accepts and never answers), and is killed at the deadline.

/** argv of the two fallback commands, with --kubeconfig only when one was given. */
export function kubectlArgv(options: CollectContext['options']): { nodes: string[]; pods: string[] } {
  const kc = options.kubeconfig ? ['--kubeconfig', options.kubeconfig] : [];
  return {
    nodes: ['kubectl', 'get', 'nodes', '-o', 'json', ...kc],
    pods: ['kubectl', 'get', 'pods', '-n', options.namespace, '-o', 'json', ...kc],
  };
}

/** Both kubectl artifacts, run concurrently until `signal` aborts or `timeoutMs` passes. */
async function runKubectl(ctx: CollectContext, timeoutMs: number, signal: AbortSignal): Promise<StagedArtifact[]> {
  const { env } = ctx.options;
  const argv = kubectlArgv(ctx.options);
  ctx.progress('k8s: trying kubectl');
  const [nodes, pods] = await Promise.all([
    runCommand(argv.nodes, { timeoutMs, env, signal }),
    runCommand(argv.pods, { timeoutMs, env, signal }),
  ]);
  return [commandArtifact(A.kubectlNodes.id, argv.nodes, nodes), commandArtifact(A.kubectlPods.id, argv.pods, pods)];
}

/** The kubectl artifacts when the API worked: not needed, and said so. */
export function kubectlSkipped(ctx: CollectContext): StagedArtifact[] {
  const argv = kubectlArgv(ctx.options);
  const reason = 'the API collector reached the cluster';
  return [
    { id: A.kubectlNodes.id, source: { argv: argv.nodes }, status: 'skipped', reason },
    { id: A.kubectlPods.id, source: { argv: argv.pods }, status: 'skipped', reason },
  ];
}

/** The fallback of one collect: started early when the API is slow, run or dropped once its answer is known. */
export interface KubectlFallback {
  /** The API was not reached: the kubectl artifacts (starting kubectl now if it has not started). */
  run(): Promise<StagedArtifact[]>;
  /** The API answered: kubectl is not needed (stopped if it had started). */
  drop(): Promise<StagedArtifact[]>;
}

/** A fallback that starts by itself once half of the deadline is spent. */
export function kubectlFallback(ctx: CollectContext, deadline: SourceDeadline): KubectlFallback {
  const stop = new AbortController();
  let started: Promise<StagedArtifact[]> | null = null;
  const start = (): Promise<StagedArtifact[]> =>
    (started ??= runKubectl(ctx, Math.max(1, deadline.remainingMs()), AbortSignal.any([deadline.signal, stop.signal])));
  const early = setTimeout(start, deadline.remainingMs() / 2);
  return {
    run() {
      clearTimeout(early);
      return start();
    },
    async drop() {
      clearTimeout(early);
      if (started) {
        stop.abort();
        await started;
      }
      return kubectlSkipped(ctx);
    },
  };
}
