import { A } from '../../bundle/artifacts.js';
import { commandArtifact, runCommand } from '../commands/exec.js';
import type { CollectContext, StagedArtifact } from '../types.js';

// When the API client cannot reach the cluster, kubectl may still (exec auth plugins, a proxy, a context
// our client does not understand), and when it cannot, its stderr ("The connection to the server ... was
// refused") is the substrate evidence the hand procedure reads (facts §7).

/** argv of the two fallback commands, with --kubeconfig only when one was given. */
export function kubectlArgv(options: CollectContext['options']): { nodes: string[]; pods: string[] } {
  const kc = options.kubeconfig ? ['--kubeconfig', options.kubeconfig] : [];
  return {
    nodes: ['kubectl', 'get', 'nodes', '-o', 'json', ...kc],
    pods: ['kubectl', 'get', 'pods', '-n', options.namespace, '-o', 'json', ...kc],
  };
}

/** Both kubectl artifacts, run concurrently under --timeout. */
export async function kubectlFallback(ctx: CollectContext): Promise<StagedArtifact[]> {
  const { timeoutMs, env } = ctx.options;
  const argv = kubectlArgv(ctx.options);
  ctx.progress('k8s: API unreachable, trying kubectl');
  const [nodes, pods] = await Promise.all([
    runCommand(argv.nodes, { timeoutMs, env, signal: ctx.signal }),
    runCommand(argv.pods, { timeoutMs, env, signal: ctx.signal }),
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
