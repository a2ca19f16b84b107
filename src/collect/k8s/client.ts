import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as k8s from '@kubernetes/client-node';
import { oneLine } from '../format.js';
import type { CollectContext } from '../types.js';

// The Kubernetes API client with what the generated client lacks: a per-request timeout (dependency notes
// §1a: a middleware that sets an AbortSignal on each request) joined with the global deadline, and a way to
// tell "the cluster answered with an error" from "the cluster was not reached", which decides the kubectl
// fallback.

/** One API call's result: a value, or why not and whether any HTTP answer came back. */
export type K8sOutcome<T> =
  | { ok: true; value: T }
  | { ok: false; status: 'error' | 'timeout'; reason: string; reached: boolean };

/** Request options for every CoreV1Api call: abort at `ms` or at the collection deadline. */
export function withTimeout(ms: number, deadline: AbortSignal): k8s.ConfigurationOptions<k8s.ObservableMiddleware> {
  return {
    middleware: [
      {
        pre: (ctx) => {
          ctx.setSignal(AbortSignal.any([AbortSignal.timeout(ms), deadline]));
          return new k8s.Observable(Promise.resolve(ctx));
        },
        post: (ctx) => new k8s.Observable(Promise.resolve(ctx)),
      },
    ],
    middlewareMergeStrategy: 'append',
  };
}

/** The kubeconfig named by --kubeconfig, else $KUBECONFIG of the collect environment, else the usual lookup. */
export function loadKubeConfig(options: CollectContext['options']): { kc: k8s.KubeConfig; from: string } {
  const kc = new k8s.KubeConfig();
  const file = options.kubeconfig ?? defaultKubeconfig(options.env);
  try {
    if (file) kc.loadFromFile(file);
    else if (options.env.KUBERNETES_SERVICE_HOST) kc.loadFromCluster();
    // why: client-node's loadFromDefault invents http://localhost:8080 when nothing is configured, which
    // would turn "no cluster configured here" into "cluster down"
    else throw new NoKubeconfigError('no kubeconfig: none given (--kubeconfig), KUBECONFIG unset, no ~/.kube/config');
  } catch (e) {
    if (e instanceof NoKubeconfigError) throw e;
    throw new Error(`cannot load kubeconfig ${file ?? '(in-cluster)'}: ${oneLine(e)}`, { cause: e });
  }
  if (!kc.getCurrentCluster()) throw new Error(`kubeconfig ${file ?? '(in-cluster)'} has no current cluster`);
  return { kc, from: file ?? 'in-cluster' };
}

/** Nothing to read: recorded as missing, not as a failed cluster. */
export class NoKubeconfigError extends Error {
  override name = 'NoKubeconfigError';
}

/** The usual lookup: the first KUBECONFIG entry, else ~/.kube/config of the collecting user, when it exists. */
function defaultKubeconfig(env: NodeJS.ProcessEnv): string | null {
  const fromEnv = env.KUBECONFIG?.split(':').find(Boolean);
  if (fromEnv) return fromEnv;
  const home = env.HOME;
  const candidate = home ? join(home, '.kube', 'config') : null;
  return candidate && existsSync(candidate) ? candidate : null;
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

/** Runs one call and classifies its failure in one line. */
export async function k8sCall<T>(what: string, timeoutMs: number, deadline: AbortSignal, call: () => Promise<T>): Promise<K8sOutcome<T>> {
  try {
    return { ok: true, value: await call() };
  } catch (e) {
    if (e instanceof k8s.ApiException) {
      const msg = statusMessage(e.body);
      return { ok: false, status: 'error', reached: true, reason: `${what}: HTTP ${e.code}${msg ? `: ${msg}` : ''}`.slice(0, 300) };
    }
    const name = (e as { name?: string }).name;
    if (deadline.aborted) return { ok: false, status: 'timeout', reached: false, reason: `${what}: the collection deadline was reached` };
    if (name === 'AbortError' || name === 'TimeoutError') {
      return { ok: false, status: 'timeout', reached: false, reason: `${what}: no answer within ${timeoutMs} ms` };
    }
    // node-fetch: "request to <url> failed, reason: connect ECONNREFUSED 127.0.0.1:6443"
    const text = oneLine(e);
    const reason = /reason: (.*)$/.exec(text)?.[1] ?? text;
    return { ok: false, status: 'error', reached: false, reason: `${what}: ${reason}` };
  }
}
