import { A, CORE_PODS, podLogId } from '../../bundle/artifacts.js';
import type { ReplayContext } from '../context.js';
import { asRecord } from '../parse/health.js';
import { CONTAINER_DOWN_REASONS } from '../parse/k8s.js';
import { commandRan } from '../process-facts.js';
import { describeFailure, launchdJobs } from '../launchd-jobs.js';
import type { Finding, Layer, LayerResult, LayerStatus } from '../types.js';

// Seed layer -1: is the substrate up (Colima VM, k8s node Ready, redis-0 and inngest-0 Running), and are the
// owner's launchd helper jobs that keep it up doing their work? A substrate failure makes every gateway symptom
// secondary (hand procedure). A command that ran and failed (colima not running, kubectl refused) is evidence
// of failure; a source that does not exist is not.

type Rec = Record<string, unknown>;
type Part = { status: Exclude<LayerStatus, 'skipped'>; text: string; reason?: string; findings: Finding[] };

// why: kubectl prints klog noise (`E1127 … memcache.go …`) before its one human sentence, so prefer that one
const firstLine = (s: string | undefined): string => {
  const lines = (s ?? '').split('\n').map((l) => l.trim()).filter((l) => l !== '');
  return lines.find((l) => !/^[EWI]\d{4} /.test(l)) ?? lines[0] ?? '';
};
const items = (v: unknown): Rec[] => {
  const list = Array.isArray(v) ? v : asRecord(v)?.items;
  return (Array.isArray(list) ? list : []).map((i) => asRecord(i) ?? {});
};
/** "no kubeconfig" is a source that does not exist, not an unreachable cluster. */
const NOT_CONFIGURED = /cannot load kubeconfig|has no current cluster|localhost:8080/i;

function colima(ctx: ReplayContext): Part {
  const id = A.colimaStatus.id;
  const e = ctx.entry(id);
  if (!commandRan(ctx, id) || !e) return { status: 'unknown', text: 'colima not checked', reason: ctx.absence(id) ?? `${id} missing`, findings: [] };
  const evidence = [{ artifact: id }];
  if (e.status === 'error' || (e.exitCode ?? 0) !== 0) {
    const why = firstLine(e.stderr) || `exit ${e.exitCode ?? '?'}`;
    const down = /is not running/i.test(e.stderr ?? '');
    return { status: 'failed', text: down ? 'colima is not running' : `colima status failed: ${why}`, findings: [{ messageId: 'colimaDown', text: `colima status: ${why}`, severity: 'error', evidence }] };
  }
  if (e.status === 'timeout') return { status: 'unknown', text: 'colima status timed out', reason: ctx.absence(id) ?? `${id} timed out`, findings: [] };
  const doc = asRecord(ctx.json(id));
  if (!doc) return { status: 'unknown', text: 'colima status did not parse', reason: ctx.absence(id) ?? `${id} is not a JSON object`, findings: [] };
  const runtime = typeof doc.runtime === 'string' ? doc.runtime : '';
  const ip = typeof doc.ip_address === 'string' ? doc.ip_address : '';
  if (runtime !== '' && ip !== '') return { status: 'ok', text: `Colima running (${runtime}, ${ip})`, findings: [] };
  return { status: 'degraded', text: `Colima up without ${runtime === '' ? 'a runtime' : 'an IP address'}`, findings: [{ messageId: 'colimaIncomplete', text: `colima status: runtime "${runtime}", ip_address "${ip}"`, severity: 'warn', evidence }] };
}

/** The API list, else the kubectl fallback's, else why neither can be judged (or why that is a failure). */
function list(ctx: ReplayContext, apiId: string, kubectlId: string): { items: Rec[]; artifact: string } | Part {
  const isList = (id: string) => Array.isArray(asRecord(ctx.json(id))?.items);
  if (ctx.absence(apiId) === null && isList(apiId)) return { items: items(ctx.json(apiId)), artifact: apiId };
  const api = ctx.entry(apiId);
  const k = ctx.entry(kubectlId);
  if (commandRan(ctx, kubectlId) && k && k.status !== 'timeout') {
    if ((k.exitCode ?? 0) === 0 && isList(kubectlId)) return { items: items(ctx.json(kubectlId)), artifact: kubectlId };
    const why = firstLine(k.stderr) || `exit ${k.exitCode ?? '?'}`;
    if (!NOT_CONFIGURED.test(`${why} ${api?.reason ?? ''}`)) {
      return { status: 'failed', text: `cluster unreachable (kubectl: ${why})`, findings: [{ messageId: 'kubectlFailed', text: `kubectl: ${why}`, severity: 'error', evidence: [{ artifact: kubectlId }, { artifact: apiId }] }] };
    }
  }
  if (api && (api.status === 'error' || api.status === 'timeout') && !NOT_CONFIGURED.test(api.reason ?? '')) {
    const why = api.reason ?? api.status;
    return { status: 'failed', text: why.startsWith('cluster unreachable') ? why : `cluster unreachable: ${why}`, findings: [{ messageId: 'apiUnreachable', text: `k8s API: ${why}`, severity: 'error', evidence: [{ artifact: apiId }] }] };
  }
  const why = (id: string) => {
    const e = ctx.entry(id);
    if (e?.kind === 'command' && commandRan(ctx, id) && (e.exitCode ?? 0) !== 0) return `${id}: ${firstLine(e.stderr) || `exit ${e.exitCode}`}`;
    return ctx.absence(id) ?? `${id} is not a Kubernetes List`;
  };
  return { status: 'unknown', text: 'cluster not checked', reason: `${why(apiId)}; ${why(kubectlId)}`, findings: [] };
}

function nodes(ctx: ReplayContext): Part {
  const l = list(ctx, A.k8sNodes.id, A.kubectlNodes.id);
  if (!('items' in l)) return l;
  if (l.items.length === 0) return { status: 'failed', text: 'no k8s node', findings: [{ messageId: 'noNode', text: 'the node list is empty', severity: 'error', evidence: [{ artifact: l.artifact }] }] };
  const notReady = l.items.filter((n) => {
    const ready = (Array.isArray(asRecord(n.status)?.conditions) ? (asRecord(n.status)?.conditions as unknown[]) : []).map(asRecord).find((c) => c?.type === 'Ready');
    return ready?.status !== 'True';
  });
  const name = (n: Rec) => String(asRecord(n.metadata)?.name ?? '?');
  if (notReady.length > 0) return { status: 'failed', text: `node ${notReady.map(name).join(', ')} not Ready`, findings: notReady.map((n) => ({ messageId: 'nodeNotReady', text: `node ${name(n)} is not Ready`, severity: 'error' as const, evidence: [{ artifact: l.artifact }] })) };
  return { status: 'ok', text: `node ${l.items.map(name).join(', ')} Ready`, findings: [] };
}

function pods(ctx: ReplayContext): Part {
  const l = list(ctx, A.k8sPods.id, A.kubectlPods.id);
  if (!('items' in l)) return l;
  const findings: Finding[] = [];
  const texts: string[] = [];
  let status: Part['status'] = 'ok';
  for (const podName of CORE_PODS) {
    const pod = l.items.find((p) => asRecord(p.metadata)?.name === podName);
    const evidence = [{ artifact: l.artifact }];
    if (!pod) {
      status = 'failed';
      texts.push(`${podName} missing`);
      findings.push({ messageId: 'podMissing', text: `pod ${podName} is not in the namespace`, severity: 'error', evidence });
      continue;
    }
    const st = asRecord(pod.status) ?? {};
    const containers = (Array.isArray(st.containerStatuses) ? st.containerStatuses : []).map((c) => asRecord(c) ?? {});
    const ready = containers.length > 0 && containers.every((c) => c.ready === true);
    const restarts = containers.reduce((n, c) => n + (typeof c.restartCount === 'number' ? c.restartCount : 0), 0);
    const waiting = containers.map((c) => asRecord(asRecord(c.state)?.waiting)?.reason).find((r) => typeof r === 'string');
    const waitingMessage = containers.map((c) => asRecord(asRecord(c.state)?.waiting)?.message).find((m) => typeof m === 'string');
    if (st.phase === 'Running' && waiting && CONTAINER_DOWN_REASONS.has(waiting)) {
      // the phase stays Running while the kubelet backs off restarting the container: it is down
      status = 'failed';
      texts.push(`${podName} ${waiting}`);
      findings.push({ messageId: 'podContainerDown', text: `pod ${podName} is Running but its container is in ${waiting}${waitingMessage ? `: ${waitingMessage}` : ''}`, severity: 'error', evidence });
    } else if (st.phase !== 'Running') {
      status = 'failed';
      texts.push(`${podName} ${String(st.phase ?? 'unknown phase')}${waiting ? ` (${waiting})` : ''}`);
      findings.push({ messageId: 'podNotRunning', text: `pod ${podName} phase ${String(st.phase ?? 'unknown')}${waiting ? `, waiting: ${waiting}` : ''}`, severity: 'error', evidence });
    } else if (!ready) {
      if (status === 'ok') status = 'degraded';
      texts.push(`${podName} Running but not ready${waiting ? ` (${waiting})` : ''}`);
      findings.push({ messageId: 'podNotReady', text: `pod ${podName} is Running but not ready`, severity: 'warn', evidence });
    } else texts.push(`${podName} Running`);
    if (restarts > 0) {
      const last = containers.map((c) => asRecord(asRecord(c.lastState)?.terminated)).find(Boolean);
      const lastText = last ? ` (last: ${String(last.reason ?? 'terminated')}, exit ${String(last.exitCode ?? '?')}${last.finishedAt ? ` at ${String(last.finishedAt)}` : ''})` : '';
      findings.push({ messageId: 'podRestarts', text: `pod ${podName} restarted ${restarts} time(s)${lastText}`, severity: 'warn', evidence });
    }
  }
  return { status, text: texts.join(', '), findings };
}

/** Noteworthy lines of the core pods' log tails (errors, OOM, the previous container's last words). */
const LOG_SIGNAL = /\b(error|fatal|panic|oom|out of memory|killed|misconf|refused|can't save)\b/i;

function podLogFindings(ctx: ReplayContext): Finding[] {
  const out: Finding[] = [];
  for (const pod of CORE_PODS) {
    for (const previous of [false, true]) {
      const id = podLogId(pod, previous);
      const lines = ctx.absence(id) ? undefined : ctx.lines(id);
      if (!lines) continue;
      const hits = lines.map((l, i) => ({ l, i })).filter(({ l }) => LOG_SIGNAL.test(l));
      const last = hits.at(-1);
      if (last) out.push({ messageId: 'podLogSignal', text: `${pod}${previous ? ' (previous container)' : ''} log: ${hits.length} error-like line(s), last: ${last.l.trim().slice(0, 160)}`, severity: 'warn', evidence: [{ artifact: id, line: last.i + 1 }] });
      else if (previous && lines.length > 0) out.push({ messageId: 'podPreviousLog', text: `${pod} previous container's last line: ${(lines.at(-1) ?? '').trim().slice(0, 160)}`, severity: 'info', evidence: [{ artifact: id, line: lines.length }] });
    }
  }
  return out;
}

/**
 * The owner's helper jobs (com.joel.* besides the gateway): one failing over and over degrades the substrate,
 * since the healer or check it is stops guarding it (ADR-0159). Healthy jobs add nothing, not even `ok`.
 */
function helperJobs(ctx: ReplayContext): Part | null {
  const failing = (launchdJobs(ctx) ?? []).filter((j) => j.failing);
  if (failing.length === 0) return null;
  const findings: Finding[] = failing.map((j) => ({
    messageId: 'helperJobFailing',
    text: `launchd job ${j.label} fails on every run: ${describeFailure(j)}${j.lastLogLine ? `; its log ends: ${j.lastLogLine.excerpt}` : ''}`,
    severity: 'warn',
    evidence: [...j.evidence, ...(j.lastLogLine ? [j.lastLogLine] : [])],
  }));
  return { status: 'degraded', text: `helper job ${failing.map((j) => j.label).join(', ')} failing`, findings };
}

const RANK: Record<Part['status'], number> = { failed: 3, degraded: 2, unknown: 1, ok: 0 };

const layer: Layer = {
  id: 'substrate',
  seedLayer: -1,
  title: 'Substrate (Colima, k8s node, core pods)',
  run(ctx): LayerResult {
    const base = { id: 'substrate', seedLayer: -1, title: layer.title } as const;
    const c = colima(ctx);
    const cluster = [nodes(ctx), pods(ctx)];
    const helpers = helperJobs(ctx);
    const parts = [c, ...cluster, ...(helpers ? [helpers] : [])];
    const findings = [...parts.flatMap((p) => p.findings), ...podLogFindings(ctx)];
    const worst = parts.reduce((w, p) => (RANK[p.status] > RANK[w.status] ? p : w));
    // why: nodes and pods fail with the same "cluster unreachable" text; say it once
    const detail = [...new Set(parts.filter((p) => p.status !== 'unknown').map((p) => p.text))].join('; ');
    const reasons = parts.filter((p) => p.status === 'unknown').map((p) => p.reason).filter(Boolean).join('; ');
    if (worst.status === 'failed' || worst.status === 'degraded') return { ...base, status: worst.status, detail, findings };
    // Colima is optional evidence (Linux hosts have none): the cluster alone decides ok.
    if (cluster.every((p) => p.status === 'ok')) return { ...base, status: 'ok', detail, findings };
    return { ...base, status: 'unknown', reason: reasons, detail: detail || 'no substrate evidence was collected', findings };
  },
};

export default layer;
