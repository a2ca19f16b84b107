import { describe, expect, it } from 'vitest';
import { replay } from '../../src/replay/index.js';
import type { LayerId } from '../../src/replay/types.js';
import { PRESET_DRAFTS } from '../helpers/simulated-host/presets.js';
import type { HostDraft } from '../helpers/simulated-host/presets/draft.js';
import * as machine from '../helpers/simulated-host/presets/incident-machines.js';
import { bundleOfDraft } from './scenarios/host-bundle.js';

// The owner's incident record (docs/incidents.md), one row per incident that the runtimes we read can show: the
// machine it left (an example preset, or a machine of incident-machines.ts) and what the report must name
// first. The expectations come from what the owner learned (the ADR, the fix commit, the .brain note), not
// from what the code printed.

interface Incident {
  date: string;
  source: string;
  machine: () => HostDraft;
  status: 'ok' | 'degraded' | 'failed';
  layer: LayerId | null;
  /** Scenarios that must fire (others may fire beside them). */
  scenarios: string[];
  /** Layers whose status the incident is about, beside the verdict's. */
  layers?: Partial<Record<LayerId, string>>;
}

const preset = (name: string) => PRESET_DRAFTS[name]!;

const INCIDENTS: Record<string, Incident> = {
  'hung find, status said healthy': { date: '2026-02-18', source: 'ADR-0049', machine: machine.hungToolCall, status: 'failed', layer: 'session', scenarios: ['3'], layers: { 'cli-status': 'ok' } },
  'no tokens for 4+ min, no fallback yet': { date: '2026-02-21', source: 'ADR-0091', machine: machine.slowModelNoFallback, status: 'failed', layer: 'stdout-log', scenarios: ['black-hole'], layers: { 'error-log': 'ok' } },
  'Colima healer failing every 5 min for 6 days': { date: '2026-02-21..27', source: 'ADR-0159, bc19202c', machine: preset('helper-job-failing'), status: 'degraded', layer: 'substrate', scenarios: ['helper-job-failing'] },
  'heartbeat prompts starve Telegram': { date: '2026-02-22', source: 'ADR-0103', machine: machine.heartbeatStarvation, status: 'failed', layer: 'error-log', scenarios: ['heartbeat-starvation'] },
  'context overflow black hole': { date: '2026-02-25', source: 'ADR-0141, cbaf07e9', machine: preset('context-overflow-black-hole'), status: 'failed', layer: 'stdout-log', scenarios: ['context-overflow-black-hole'], layers: { 'error-log': 'ok' } },
  '429s resolved on message_end': { date: '2026-02-25', source: '632cedf5', machine: machine.rateLimitedOnMessageEnd, status: 'failed', layer: 'stdout-log', scenarios: ['black-hole'], layers: { 'error-log': 'ok' } },
  'stale watchdog entries fail diagnose after recovery': { date: '2026-03-02', source: 'd70bf488, 56e46a39', machine: machine.staleWatchdogEntries, status: 'ok', layer: null, scenarios: ['history-before-restart'] },
  'overnight fallback thrash': { date: '2026-03-05', source: '0789d653, 11ea1030', machine: machine.fallbackThrash, status: 'failed', layer: 'error-log', scenarios: ['fallback-thrash'] },
  'Redis reconnect lockup (MaxRetriesPerRequestError storm)': { date: '2026-03-05', source: 'c1243011', machine: preset('s4a-retry-storm'), status: 'failed', layer: 'error-log', scenarios: ['4a'] },
  'Redis thrash with Colima under it': { date: '2026-03-05', source: '7d331d87', machine: preset('s0-substrate'), status: 'failed', layer: 'substrate', scenarios: ['0'] },
  '409 loop from a second poller of the token': { date: '2026-03-05', source: 'cf7cd809, c654d43d', machine: preset('s4c-telegram-conflict'), status: 'degraded', layer: 'cli-status', scenarios: ['4c'] },
  'embedded pi lags the machine pi': { date: '2026-03-09', source: 'docs/gateway.md', machine: preset('s2b-pi-skew'), status: 'failed', layer: 'error-log', scenarios: ['2b'] },
  'resumed session keeps the fallback model': { date: '2026-03-09', source: 'docs/gateway.md', machine: preset('s2c-model-drift'), status: 'degraded', layer: 'cli-status', scenarios: ['2c'] },
  'dead after a reboot, status healthy on Redis alone': { date: '2026-04-15', source: 'fca46a27', machine: preset('daemon-down'), status: 'failed', layer: 'process', scenarios: ['daemon-down'], layers: { 'cli-status': 'failed' } },
  'Redis subscriber error storm during an outage': { date: '2026-07-13', source: 'd7ed01e3', machine: preset('s4-redis-degraded'), status: 'degraded', layer: 'cli-status', scenarios: ['4'] },
  'a host without the service reads as fatal': { date: '2026-07-14', source: 'b71f5aa3', machine: preset('no-gateway'), status: 'failed', layer: 'process', scenarios: ['no-gateway'], layers: { 'cli-status': 'failed', redis: 'degraded' } },
  'callback receipt retry storm, gateway innocent': { date: '2026-07-19', source: '.brain/projects/messaging-stabilization/incident-callback-receipt-retry-storm.svx', machine: preset('storm-elsewhere'), status: 'ok', layer: null, scenarios: ['storm-elsewhere'] },
  'cutover to the slim transport': { date: '2026-07-21', source: '.brain/projects/agent-comms-gateway/execute-cutover.svx', machine: preset('slim-transport'), status: 'ok', layer: null, scenarios: ['slim-transport'] },
  'content-sync retry storm, gateway innocent': { date: '2026-07-26', source: '9fab44a1', machine: preset('storm-elsewhere'), status: 'ok', layer: null, scenarios: ['storm-elsewhere'] },
  '409 flood from panda polling flagg\'s bot': { date: '2026-07-27..31', source: '.brain/tasks/reboot-repair-gateway.svx', machine: machine.botPolledElsewhere, status: 'degraded', layer: 'error-log', scenarios: ['4c'] },
  'health monitor restarts on history (72 h audit)': { date: '2026-07-29', source: 'ca66a98f', machine: preset('history-before-restart'), status: 'ok', layer: null, scenarios: ['history-before-restart'] },
  'agent loop dead after a reboot, transport healthy': { date: '2026-07-31', source: '.brain/tasks/reboot-repair-gateway.svx, e9123e10', machine: machine.agentLoopDown, status: 'failed', layer: 'process', scenarios: ['agent-loop-down'] },
};

describe("the owner's incidents", () => {
  it.each(Object.entries(INCIDENTS))('%s: the report names the right layer, status and scenario', (_, incident) => {
    const d = replay(bundleOfDraft(incident.machine()));
    expect({ status: d.verdict.status, layer: d.verdict.layer }).toEqual({ status: incident.status, layer: incident.layer });
    expect(d.scenarios.map((s) => s.id)).toEqual(expect.arrayContaining(incident.scenarios));
    for (const [layer, status] of Object.entries(incident.layers ?? {})) expect(d.layers.find((l) => l.id === layer)?.status, layer).toBe(status);
  });

  it('gives every incident machine a row', () => {
    const used = new Set(Object.values(INCIDENTS).map((i) => i.machine));
    for (const [name, fn] of Object.entries(machine)) if (typeof fn === 'function') expect(used.has(fn as () => HostDraft), name).toBe(true);
  });
});
