import { describe, expect, it } from 'vitest';
import { A, podLogId } from '../../../src/bundle/artifacts.js';
import { createContext } from '../../../src/replay/context.js';
import layer from '../../../src/replay/layers/substrate.js';
import { type ArtifactInput, bundleFrom } from '../../helpers/bundle-from.js';
import { podObject } from '../../helpers/fake-k8s.js';
import { bundleOfPreset } from '../scenarios/host-bundle.js';

const colimaUp = JSON.stringify({ display_name: 'colima', driver: 'vz', arch: 'aarch64', runtime: 'docker', mount_type: 'virtiofs', ip_address: '192.168.106.2', kubernetes: true, cpu: 4, memory: 8589934592, disk: 107374182400 });
const colimaDown: ArtifactInput = { content: '', status: 'error', exitCode: 1, stderr: 'time="2026-11-27T12:00:00Z" level=fatal msg="colima is not running"\n' };
const nodeList = (ready = 'True') => JSON.stringify({ kind: 'NodeList', apiVersion: 'v1', items: [{ metadata: { name: 'colima' }, status: { conditions: [{ type: 'MemoryPressure', status: 'False' }, { type: 'Ready', status: ready, reason: 'KubeletReady' }] } }] });
const pod = (name: string, phase = 'Running', ready = true, restartCount = 0, waiting?: string) => ({
  metadata: { name, namespace: 'joelclaw' },
  status: { phase, containerStatuses: [{ name: name.replace(/-0$/, ''), ready, restartCount, state: waiting ? { waiting: { reason: waiting } } : { running: {} }, ...(restartCount > 0 ? { lastState: { terminated: { reason: 'OOMKilled', exitCode: 137 } } } : {}) }] },
});
const podList = (...pods: unknown[]) => JSON.stringify({ kind: 'PodList', apiVersion: 'v1', items: pods });
const healthyPods = () => podList(pod('redis-0'), pod('inngest-0'), pod('typesense-0'));
const unreachable: ArtifactInput = { status: 'error', reason: 'cluster unreachable: connect ECONNREFUSED 127.0.0.1:6443' };

const run = (arts: Record<string, ArtifactInput>) => layer.run(createContext(bundleFrom(arts)));

describe('substrate layer', () => {
  it('is ok when Colima runs, the node is Ready and both core pods run', () => {
    const r = run({ [A.colimaStatus.id]: colimaUp, [A.k8sNodes.id]: nodeList(), [A.k8sPods.id]: healthyPods() });
    expect(r.status).toBe('ok');
    expect(r.detail).toBe('Colima running (docker, 192.168.106.2); node colima Ready; redis-0 Running, inngest-0 Running');
  });

  it('fails when colima says it is not running, citing the command', () => {
    const r = run({ [A.colimaStatus.id]: colimaDown });
    expect(r.status).toBe('failed');
    expect(r.detail).toContain('colima is not running');
    expect(r.findings[0]?.evidence[0]?.artifact).toBe(A.colimaStatus.id);
  });

  it('fails when the API is unreachable and kubectl is refused too', () => {
    const kubectl: ArtifactInput = { content: '', status: 'error', exitCode: 1, stderr: 'The connection to the server 127.0.0.1:6443 was refused - did you specify the right host or port?\n' };
    const r = run({ [A.colimaStatus.id]: colimaUp, [A.k8sNodes.id]: unreachable, [A.k8sPods.id]: unreachable, [A.kubectlNodes.id]: kubectl, [A.kubectlPods.id]: { ...kubectl } });
    expect(r.status).toBe('failed');
    expect(r.detail).toContain('cluster unreachable (kubectl: The connection to the server 127.0.0.1:6443 was refused');
  });

  it('reads the sentence kubectl prints after its klog noise', () => {
    const stderr = 'E1127 21:36:15.932581    8645 memcache.go:265] "Unhandled Error" err="couldn\'t get current server API group list"\nThe connection to the server 127.0.0.1:6443 was refused - did you specify the right host or port?\n';
    const kubectl: ArtifactInput = { content: '', status: 'error', exitCode: 1, stderr };
    const r = run({ [A.colimaStatus.id]: colimaUp, [A.k8sNodes.id]: unreachable, [A.k8sPods.id]: unreachable, [A.kubectlNodes.id]: kubectl, [A.kubectlPods.id]: { ...kubectl } });
    expect(r.status).toBe('failed');
    expect(r.detail).toContain('(kubectl: The connection to the server 127.0.0.1:6443 was refused');
  });

  it('fails on "Unable to connect to the server: EOF" from kubectl when the API reader is absent', () => {
    const eof: ArtifactInput = { content: '', status: 'error', exitCode: 1, stderr: 'Unable to connect to the server: EOF\n' };
    expect(run({ [A.kubectlNodes.id]: eof, [A.kubectlPods.id]: eof }).status).toBe('failed');
  });

  it('uses the kubectl fallback output when the API was unreachable but kubectl worked', () => {
    const r = run({ [A.k8sNodes.id]: unreachable, [A.k8sPods.id]: unreachable, [A.kubectlNodes.id]: nodeList(), [A.kubectlPods.id]: healthyPods() });
    expect(r.status).toBe('ok');
  });

  it('fails on a node that is not Ready', () => {
    const r = run({ [A.colimaStatus.id]: colimaUp, [A.k8sNodes.id]: nodeList('False'), [A.k8sPods.id]: healthyPods() });
    expect(r).toMatchObject({ status: 'failed' });
    expect(r.detail).toContain('node colima not Ready');
  });

  it('fails when a core pod is not Running or absent, and notes restarts', () => {
    const r = run({ [A.k8sNodes.id]: nodeList(), [A.k8sPods.id]: podList(pod('redis-0', 'Pending', false, 3, 'CrashLoopBackOff')) });
    expect(r.status).toBe('failed');
    expect(r.detail).toContain('redis-0 Pending (CrashLoopBackOff), inngest-0 missing');
    expect(r.findings.find((f) => f.messageId === 'podRestarts')?.text).toBe('pod redis-0 restarted 3 time(s) (last: OOMKilled, exit 137)');
  });

  it('degrades when a core pod runs but is not ready', () => {
    expect(run({ [A.k8sNodes.id]: nodeList(), [A.k8sPods.id]: podList(pod('redis-0', 'Running', false), pod('inngest-0')) }).status).toBe('degraded');
  });

  it('fails on a pod in CrashLoopBackOff, whose phase stays Running while the kubelet backs off', () => {
    const crashing = podObject('redis-0', 'joelclaw', 'Running', { ready: false, restartCount: 212, waiting: 'CrashLoopBackOff' });
    const r = run({ [A.k8sNodes.id]: nodeList(), [A.k8sPods.id]: podList(crashing, pod('inngest-0')) });
    expect(r.status).toBe('failed');
    expect(r.detail).toBe('node colima Ready; redis-0 CrashLoopBackOff, inngest-0 Running');
    expect(r.findings.find((f) => f.messageId === 'podContainerDown')?.text).toBe(
      'pod redis-0 is Running but its container is in CrashLoopBackOff: back-off 5m0s restarting failed container=redis pod=redis-0_joelclaw(uid-redis-0)',
    );
  });

  it('judges on k8s alone when colima is not installed', () => {
    const r = run({ [A.colimaStatus.id]: { status: 'missing', reason: 'command not found: colima' }, [A.k8sNodes.id]: nodeList(), [A.k8sPods.id]: healthyPods() });
    expect(r.status).toBe('ok');
  });

  it('is unknown with reasons when nothing was collected, never ok', () => {
    const noKubeconfig: ArtifactInput = { status: 'error', reason: 'cluster unreachable: cannot load kubeconfig (default): ENOENT' };
    const r = run({ [A.colimaStatus.id]: { status: 'missing', reason: 'command not found: colima' }, [A.k8sNodes.id]: noKubeconfig, [A.k8sPods.id]: noKubeconfig, [A.kubectlNodes.id]: { status: 'missing', reason: 'command not found: kubectl' } });
    expect(r.status).toBe('unknown');
    expect(r.reason).toContain('command not found: colima');
    expect(r.reason).toContain('cannot load kubeconfig');
  });

  it('is unknown when only colima is known to be up', () => {
    expect(run({ [A.colimaStatus.id]: colimaUp }).status).toBe('unknown');
  });

  it('degrades when a launchd helper job fails on every run although Colima and the cluster are fine', () => {
    const r = layer.run(createContext(bundleOfPreset('helper-job-failing')));
    expect(r.status).toBe('degraded');
    expect(r.detail).toBe('Colima running (docker, 192.168.106.2); node colima Ready; redis-0 Running, inngest-0 Running; helper job com.joel.colima failing');
    expect(r.findings.find((f) => f.messageId === 'helperJobFailing')?.text).toMatch(/^launchd job com\.joel\.colima fails on every run: last exit 1 after 1728 runs, every 300 s; its log ends: time=/);
    expect(layer.run(createContext(bundleOfPreset('healthy'))).status).toBe('ok');
  });

  it('cites the last error-like line of a core pod log', () => {
    const log = '1:M 27 Nov 2026 11:00:00.000 * Ready to accept connections tcp\n1:M 27 Nov 2026 11:58:00.000 # MISCONF Errors writing to the AOF file\n';
    const r = run({ [A.k8sNodes.id]: nodeList(), [A.k8sPods.id]: healthyPods(), [podLogId('redis-0')]: log });
    expect(r.findings.find((f) => f.messageId === 'podLogSignal')?.evidence[0]).toEqual({ artifact: podLogId('redis-0'), line: 2 });
  });
});
