import { OTEL_QUERIES } from '../../../../src/bundle/artifacts.js';
import { bunLog } from '../formats/bun.js';
import { colimaStatus } from '../formats/colima.js';
import { gatewayPackageJson, heartbeatTs, piModelsJson, piSettingsJson, plistXml, startScript, tripwirePlistXml } from '../formats/config-files.js';
import { otelSearch } from '../formats/otel.js';
import { psTable } from '../formats/ps.js';
import { piSessionFile } from '../formats/session-jsonl.js';
import { type CommandAnswer, type CommandAnswers, PATHS, type SimulatedFile, type SimulatedHostSpec } from '../spec.js';
import type { HostDraft } from './draft.js';

// Renders a HostDraft into the plain SimulatedHostSpec: every part becomes the file or command answer the
// real machine would show (facts §1, §5, §7).

const KUBECTL_REFUSED: CommandAnswer = {
  stdout: '',
  stderr: 'The connection to the server 127.0.0.1:6443 was refused - did you specify the right host or port?\n',
  exitCode: 1,
};

const json = (v: unknown) => `${JSON.stringify(v, null, 2)}\n`;

function kubectlAnswers(d: HostDraft): { nodes: CommandAnswer; pods: CommandAnswer } {
  if (d.kubectl) return d.kubectl;
  if (d.k8s === 'unreachable') return { nodes: KUBECTL_REFUSED, pods: KUBECTL_REFUSED };
  if (d.k8s === 'hang') return { nodes: { stdout: '', hang: true }, pods: { stdout: '', hang: true } };
  const list = (items: object[]) => ({ stdout: json({ apiVersion: 'v1', items, kind: 'List', metadata: { resourceVersion: '' } }), exitCode: 0 });
  return { nodes: list(d.k8s.nodes), pods: list(d.k8s.pods) };
}

function joelclawAnswers(d: HostDraft): CommandAnswers {
  const out: CommandAnswers = { 'otel search *': otelSearch('', [], { capturedAt: d.capturedAt }) };
  for (const { query, minHours } of OTEL_QUERIES) {
    const answer = otelSearch(query, d.otelEvents, { hours: Math.max(minHours, 1), capturedAt: d.capturedAt });
    out[`otel search ${query}`] = answer;
    out[`otel search ${query} *`] = answer;
  }
  return out;
}

function files(d: HostDraft): Record<string, SimulatedFile> {
  const at = d.capturedAt;
  const f: Record<string, SimulatedFile> = {
    [PATHS.gatewayLog]: { content: bunLog(d.gatewayLog), mtime: d.logMtime?.log ?? at },
    [PATHS.gatewayErr]: { content: bunLog(d.gatewayErr), mtime: d.logMtime?.err ?? at },
    [PATHS.piSettings(d.home)]: { content: piSettingsJson(), mtime: '2026-11-01T09:00:00.000Z' },
    [PATHS.piModels(d.home)]: { content: piModelsJson(), mtime: '2026-11-01T09:00:00.000Z' },
    [PATHS.startScript(d.home)]: { content: startScript({ daemon: d.startScriptDaemon, slim: d.startScriptDaemon !== 'daemon.ts' }), mtime: '2026-11-20T08:00:00.000Z' },
    [PATHS.tripwirePlist(d.home)]: { content: tripwirePlistXml(), mtime: '2026-10-02T10:00:00.000Z' },
    [PATHS.gatewayPackageJson]: { content: gatewayPackageJson(d.pinnedPiVersion), mtime: '2026-11-18T16:30:00.000Z' },
    [d.plistDomain === 'gui' ? PATHS.launchAgentPlist(d.home) : PATHS.launchDaemonPlist]: {
      content: plistXml({ userName: d.plistDomain === 'gui' ? null : 'joel' }),
      mtime: '2026-10-02T10:00:00.000Z',
    },
  };
  const daemonStart = d.processes.find((p) => p.pid === d.pidFile);
  if (d.pidFile !== null) {
    const startedAt = new Date(Date.parse(at) - (daemonStart?.elapsedSec ?? 3 * 3600) * 1000).toISOString();
    f[PATHS.pidFile] = { content: `${d.pidFile}\n`, mtime: startedAt };
  }
  if (d.heartbeat) f[PATHS.heartbeat] = { content: heartbeatTs(d.heartbeat.ms, d.heartbeat.shape), mtime: d.heartbeat.mtime };
  if (d.lifecycle) f[PATHS.lifecycle] = { content: json(d.lifecycle) };
  if (d.operatorRestart) f[PATHS.operatorRestart] = { content: json(d.operatorRestart) };
  if (d.forceNewSession) f[PATHS.forceNewSession] = { content: json(d.forceNewSession) };
  if (d.sessionIdFile !== null) f[PATHS.sessionIdFile(d.home)] = { content: `${d.sessionIdFile}\n` };
  if (d.session) {
    // pi writes nothing until the first assistant message: a brand-new session has no file yet.
    const written = piSessionFile(d.session.id, d.session.startedAt, d.session.entries, d.home);
    const last = d.session.entries.at(-1)?.timestamp ?? d.session.startedAt;
    if (written.content !== null) f[`${PATHS.sessionDir(d.home)}/${written.fileName}`] = { content: written.content, mtime: last };
  }
  const all = { ...f, ...d.extraFiles };
  for (const path of d.omit?.files ?? []) delete all[path];
  return all;
}

/** The plain spec for a draft. */
export function toSpec(d: HostDraft): SimulatedHostSpec {
  const kubectl = kubectlAnswers(d);
  const commands: SimulatedHostSpec['commands'] = {
    launchctl: {
      'print-disabled system': d.launchd.disabledSystem,
      [`print-disabled gui/${d.uid}`]: d.launchd.disabledGui,
      'print system/com.joel.gateway': d.launchd.printSystem,
      [`print gui/${d.uid}/com.joel.gateway`]: d.launchd.printGui,
      list: d.launchd.list,
    },
    ps: { '*': psTable(d.processes, d.capturedAt) },
    colima: { '*': colimaStatus(d.colimaRunning, d.capturedAt) },
    kubectl: { '*get nodes*': kubectl.nodes, '*get pods*': kubectl.pods },
    pi: { '*': { stdout: `${d.piVersion}\n`, exitCode: 0 } },
    joelclaw: joelclawAnswers(d),
    curl: {
      '*': { stdout: '{"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"}}', exitCode: 0 },
    },
  };
  for (const [name, answers] of Object.entries(d.extraCommands)) {
    const key = name as keyof SimulatedHostSpec['commands'];
    commands[key] = { ...commands[key], ...answers };
  }
  for (const name of d.omit?.commands ?? []) delete commands[name];
  return {
    capturedAt: d.capturedAt,
    files: files(d),
    commands,
    redis: d.redis,
    health: d.health,
    wsPortFile: d.wsPortFile,
    k8s: d.k8s,
    uid: d.uid,
    home: d.home,
    namespace: d.namespace,
  };
}
