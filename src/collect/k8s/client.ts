import * as k8s from '@kubernetes/client-node';
import type { SourceDeadline } from '../deadline.js';
import { oneLine } from '../format.js';
import type { KubeconfigSource } from './kubeconfig.js';

// The Kubernetes API client with what the generated client lacks: every request aborts at the source's
// deadline (dependency notes §1a: a middleware that sets an AbortSignal on each request), and a way to tell
// "the cluster answered with an error" from "the cluster was not reached", which decides the kubectl
// fallback. Only src/collect/k8s/api.ts imports this module, and only when there is a kubeconfig to use.

/** One API call's result: a value, or why not and whether any HTTP answer came back. */
export type K8sOutcome<T> =
  | { ok: true; value: T }
  | { ok: false; status: 'error' | 'timeout'; reason: string; reached: boolean };

/** Request options for every CoreV1Api call: abort when `signal` does. */
export function withSignal(signal: AbortSignal): k8s.ConfigurationOptions<k8s.ObservableMiddleware> {
  return {
    middleware: [
      {
        pre: (ctx) => {
          ctx.setSignal(signal);
          return new k8s.Observable(Promise.resolve(ctx));
        },
        post: (ctx) => new k8s.Observable(Promise.resolve(ctx)),
      },
    ],
    middlewareMergeStrategy: 'append',
  };
}

/** The client for a kubeconfig file or the in-cluster service account; throws a one-line Error. */
export function loadKubeConfig(source: Exclude<KubeconfigSource, { kind: 'none' }>): { kc: k8s.KubeConfig; from: string } {
  const kc = new k8s.KubeConfig();
  const from = source.kind === 'file' ? source.file : 'in-cluster';
  try {
    if (source.kind === 'file') kc.loadFromFile(source.file);
    else kc.loadFromCluster();
  } catch (e) {
    throw new Error(`cannot load kubeconfig ${from === 'in-cluster' ? '(in-cluster)' : from}: ${oneLine(e)}`, { cause: e });
  }
  if (!kc.getCurrentCluster()) throw new Error(`kubeconfig ${from === 'in-cluster' ? '(in-cluster)' : from} has no current cluster`);
  return { kc, from };
}

/** The Status message of an API error body, when it is a Status object. */
const statusMessage = (body: unknown): string | null => {
  try {
    const parsed = (typeof body === 'string' ? JSON.parse(body) : body) as { message?: unknown } | null;
    return typeof parsed?.message === 'string' ? parsed.message : null;
  } catch {
    return null;
  }
};

/** The outcome of a call that was not made or got no answer before the deadline. */
function deadlineOutcome(what: string, deadline: SourceDeadline, attempted: boolean): K8sOutcome<never> {
  if (deadline.runEnded()) return { ok: false, status: 'timeout', reached: false, reason: `${what}: the collection deadline was reached` };
  const reason = attempted
    ? `${what}: no answer within ${deadline.timeoutMs} ms`
    : `${what}: not attempted: the ${deadline.timeoutMs} ms --timeout of the Kubernetes source was spent`;
  return { ok: false, status: 'timeout', reached: false, reason };
}

/** Runs one call against the source's deadline and classifies its failure in one line. */
export async function k8sCall<T>(what: string, deadline: SourceDeadline, call: (options: ReturnType<typeof withSignal>) => Promise<T>): Promise<K8sOutcome<T>> {
  if (deadline.signal.aborted) return deadlineOutcome(what, deadline, false);
  try {
    return { ok: true, value: await call(withSignal(deadline.signal)) };
  } catch (e) {
    if (e instanceof k8s.ApiException) {
      const msg = statusMessage(e.body);
      return { ok: false, status: 'error', reached: true, reason: `${what}: HTTP ${e.code}${msg ? `: ${msg}` : ''}`.slice(0, 300) };
    }
    const name = (e as { name?: string }).name;
    if (deadline.signal.aborted || name === 'AbortError' || name === 'TimeoutError') return deadlineOutcome(what, deadline, true);
    // node-fetch: "request to <url> failed, reason: connect ECONNREFUSED 127.0.0.1:6443"
    const text = oneLine(e);
    const reason = /reason: (.*)$/.exec(text)?.[1] ?? text;
    return { ok: false, status: 'error', reached: false, reason: `${what}: ${reason}` };
  }
}
