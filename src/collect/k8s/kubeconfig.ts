import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { CollectOptions } from '../types.js';

// Which cluster to read, decided from the options and the environment alone, before the Kubernetes client
// is loaded: without a kubeconfig there is nothing to read and the client (tens of MB, half a second to
// load) is never imported.

/** The kubeconfig file to load, the in-cluster service account, or why there is none. */
export type KubeconfigSource =
  | { kind: 'file'; file: string }
  | { kind: 'in-cluster' }
  | { kind: 'none'; status: 'missing' | 'error'; reason: string };

/** The usual lookup: --kubeconfig, else the first KUBECONFIG entry, else ~/.kube/config, else in-cluster. */
export function findKubeconfig(options: Pick<CollectOptions, 'kubeconfig' | 'env'>): KubeconfigSource {
  const given = options.kubeconfig ?? options.env.KUBECONFIG?.split(':').find(Boolean) ?? null;
  if (given) {
    // why: loading a file that is not there fails inside the client anyway; say so without loading it
    if (!existsSync(given)) return { kind: 'none', status: 'error', reason: `cannot load kubeconfig ${given}: no such file` };
    if (!statSync(given).isFile()) return { kind: 'none', status: 'error', reason: `cannot load kubeconfig ${given}: not a file` };
    return { kind: 'file', file: given };
  }
  const home = options.env.HOME;
  const candidate = home ? join(home, '.kube', 'config') : null;
  if (candidate && existsSync(candidate)) return { kind: 'file', file: candidate };
  if (options.env.KUBERNETES_SERVICE_HOST) return { kind: 'in-cluster' };
  // why: client-node's loadFromDefault invents http://localhost:8080 when nothing is configured, which would
  // turn "no cluster configured here" into "cluster down"
  return { kind: 'none', status: 'missing', reason: 'no kubeconfig: none given (--kubeconfig), KUBECONFIG unset, no ~/.kube/config' };
}
