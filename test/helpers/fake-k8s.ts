import { randomBytes } from 'node:crypto';
import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

// A tiny Kubernetes API server for collector tests (plain http: client-node then needs insecure-skip-tls-verify):
// GET nodes, namespaced pods/events and pod logs, in the
// shapes the real API returns (List objects, Status errors), plus a kubeconfig pointing at it with a
// bearer token that redaction tests can hunt for. `hang` accepts and never answers (every request, or those
// whose path matches the pattern).

/** What the fake cluster holds. logs: `<pod>` and `<pod>.previous` -> text. */
export interface FakeK8sState {
  nodes: object[];
  pods: object[];
  events: object[];
  logs: Record<string, string>;
  hang?: boolean | RegExp;
}

const list = (kind: string, items: object[]) => ({ kind, apiVersion: 'v1', metadata: { resourceVersion: '4242' }, items });

const status = (code: number, reason: string, message: string) => ({
  kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code,
});

const send = (res: ServerResponse, code: number, body: unknown, type = 'application/json') => {
  res.writeHead(code, { 'content-type': type });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
};

const nameOf = (o: object): string => String((o as { metadata?: { name?: string } }).metadata?.name ?? '');

/** Last `tailLines` lines of `text`, then at most `limitBytes` bytes, as the kubelet does. */
const tail = (text: string, tailLines: string | null, limitBytes: string | null): string => {
  let out = text;
  if (tailLines !== null) {
    const lines = text.split('\n');
    if (lines.at(-1) === '') lines.pop();
    const kept = lines.slice(-Number(tailLines));
    out = kept.length ? `${kept.join('\n')}\n` : '';
  }
  if (limitBytes !== null) out = Buffer.from(out).subarray(0, Number(limitBytes)).toString('utf8');
  return out;
};

function route(state: FakeK8sState, namespace: string, req: IncomingMessage, res: ServerResponse): void {
  const url = new URL(req.url ?? '/', 'http://fake');
  const p = url.pathname;
  if (req.method !== 'GET') return send(res, 405, status(405, 'MethodNotAllowed', 'read-only fake'));
  if (p === '/api/v1/nodes') return send(res, 200, list('NodeList', state.nodes));
  const ns = /^\/api\/v1\/namespaces\/([^/]+)\/(pods|events)(?:\/([^/]+)(\/log)?)?$/.exec(p);
  if (!ns) return send(res, 404, status(404, 'NotFound', `the server could not find the requested resource`));
  const [, space, kind, pod, log] = ns;
  if (kind === 'events' && !pod) return send(res, 200, list('EventList', space === namespace ? state.events : []));
  if (kind === 'pods' && !pod) return send(res, 200, list('PodList', space === namespace ? state.pods : []));
  const found = space === namespace && state.pods.some((o) => nameOf(o) === pod);
  if (!found) return send(res, 404, status(404, 'NotFound', `pods "${pod}" not found`));
  if (!log) return send(res, 200, state.pods.find((o) => nameOf(o) === pod));
  const previous = url.searchParams.get('previous') === 'true';
  const text = state.logs[previous ? `${pod}.previous` : pod!];
  if (text === undefined) {
    const msg = previous ? `previous terminated container "main" in pod "${pod}" not found` : `container not found`;
    return send(res, 400, status(400, 'BadRequest', msg));
  }
  send(res, 200, tail(text, url.searchParams.get('tailLines'), url.searchParams.get('limitBytes')), 'text/plain');
}

/** Starts the fake API on 127.0.0.1 and writes `<dir>/kubeconfig` for it. */
export async function startFakeK8s(
  state: FakeK8sState,
  opts: { dir: string; namespace?: string; port?: number },
): Promise<{ url: string; kubeconfigPath: string; token: string; requests: string[]; stop(): Promise<void> }> {
  const namespace = opts.namespace ?? 'joelclaw';
  const requests: string[] = [];
  const server = createServer((req, res) => {
    requests.push(req.url ?? '');
    const hang = state.hang instanceof RegExp ? state.hang.test(req.url ?? '') : state.hang;
    if (hang) return; // accepted, never answered
    route(state, namespace, req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const addr = server.address();
  const url = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  const token = `fake-k8s-token-${randomBytes(12).toString('hex')}`;
  const kubeconfigPath = join(opts.dir, 'kubeconfig');
  await writeFile(kubeconfigPath, [
    'apiVersion: v1', 'kind: Config', 'clusters:', '- name: fake', '  cluster:', `    server: ${url}`,
    '    insecure-skip-tls-verify: true',
    'contexts:', '- name: fake', '  context:', '    cluster: fake', '    user: fake', `    namespace: ${namespace}`,
    'current-context: fake', 'users:', '- name: fake', '  user:', `    token: ${token}`, '',
  ].join('\n'));
  return {
    url,
    kubeconfigPath,
    token,
    requests,
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const CREATED = '2026-11-20T08:00:00Z';

/** A Node with a Ready condition, as `kubectl get node -o json` shows it. */
export function nodeObject(name: string, ready: boolean): object {
  return {
    metadata: { name, uid: `uid-${name}`, creationTimestamp: CREATED, labels: { 'kubernetes.io/hostname': name },
      managedFields: [{ manager: 'kubelet', operation: 'Update', apiVersion: 'v1', time: CREATED }] },
    spec: {},
    status: {
      conditions: [
        { type: 'MemoryPressure', status: 'False', reason: 'KubeletHasSufficientMemory', lastHeartbeatTime: CREATED, lastTransitionTime: CREATED },
        { type: 'Ready', status: ready ? 'True' : 'Unknown', reason: ready ? 'KubeletReady' : 'NodeStatusUnknown',
          message: ready ? 'kubelet is posting ready status' : 'Kubelet stopped posting node status.',
          lastHeartbeatTime: CREATED, lastTransitionTime: CREATED },
      ],
      nodeInfo: { kubeletVersion: 'v1.31.4+k3s1', osImage: 'Ubuntu 24.04', architecture: 'arm64', containerRuntimeVersion: 'docker://27.4.0',
        kernelVersion: '6.8.0', kubeProxyVersion: 'v1.31.4+k3s1', machineID: 'm', operatingSystem: 'linux', systemUUID: 's', bootID: 'b' },
    },
  };
}

/**
 * A Pod with one container, its phase, readiness and restart count, in the shape kubectl/the API return it.
 * `waiting` puts the container in that waiting state (a CrashLoopBackOff pod keeps phase Running: the
 * kubelet restarts the container in place, with the back-off message it writes); an unready container
 * without it is running while its readiness probe fails.
 */
export function podObject(name: string, ns: string, phase: string, o: { ready: boolean; restartCount: number; waiting?: string }): object {
  const container = name.replace(/-\d+$/, '');
  const waitingMessage = o.waiting === 'CrashLoopBackOff' ? `back-off 5m0s restarting failed container=${container} pod=${name}_${ns}(uid-${name})` : undefined;
  return {
    metadata: { name, namespace: ns, uid: `uid-${name}`, creationTimestamp: CREATED, labels: { app: container },
      managedFields: [{ manager: 'k3s', operation: 'Update', apiVersion: 'v1', time: CREATED }] },
    spec: { containers: [{ name: container, image: `${container}:latest` }], nodeName: 'colima' },
    status: {
      phase,
      conditions: [
        { type: 'Ready', status: o.ready ? 'True' : 'False', lastTransitionTime: CREATED, ...(o.ready ? {} : { reason: 'ContainersNotReady', message: `containers with unready status: [${container}]` }) },
      ],
      containerStatuses: [{
        name: container, ready: o.ready, restartCount: o.restartCount, image: `${container}:latest`, imageID: '', started: o.waiting === undefined,
        state: o.waiting ? { waiting: { reason: o.waiting, ...(waitingMessage ? { message: waitingMessage } : {}) } } : { running: { startedAt: CREATED } },
        ...(o.restartCount > 0 ? { lastState: { terminated: { exitCode: o.waiting ? 1 : 137, reason: o.waiting ? 'Error' : 'OOMKilled', startedAt: CREATED, finishedAt: CREATED } } } : {}),
      }],
    },
  };
}

/**
 * A core/v1 Event about an object, at `lastTimestamp` (ISO). With `series`, it is the shape the new events
 * API (events.k8s.io, which the kubelet records through) leaves in core/v1: `eventTime` at the first
 * occurrence, `series.count` / `series.lastObservedTime` for the repeats, and no count or timestamps.
 */
export function eventObject(
  name: string,
  ns: string,
  o: { reason: string; message: string; lastTimestamp: string; type?: string; involved?: string; count?: number; series?: { count: number; firstTime: string } },
): object {
  const base = {
    metadata: { name, namespace: ns, uid: `uid-${name}`, creationTimestamp: o.series?.firstTime ?? o.lastTimestamp },
    involvedObject: { kind: 'Pod', namespace: ns, name: o.involved ?? 'redis-0' },
    reason: o.reason,
    message: o.message,
    type: o.type ?? 'Warning',
    reportingComponent: 'kubelet',
    reportingInstance: 'colima',
  };
  if (o.series) {
    // MicroTime fields carry six fractional digits
    const micro = (iso: string) => iso.replace(/Z$/, '000Z');
    return { ...base, eventTime: micro(o.series.firstTime), series: { count: o.series.count, lastObservedTime: micro(o.lastTimestamp) }, source: {} };
  }
  return { ...base, source: { component: 'kubelet', host: 'colima' }, firstTimestamp: o.lastTimestamp, lastTimestamp: o.lastTimestamp, count: o.count ?? 1 };
}
