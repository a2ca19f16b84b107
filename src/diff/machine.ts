import { A } from '../bundle/artifacts.js';
import type { Diagnosis } from '../replay/types.js';
import { type ReadingDef, type Side, keysOfBoth, sideOf, unknownWhy } from './readings.js';

// What differs in the machine: runtime, pi versions, model and fallback, joelclaw:gateway:config values, the
// launchd plist's program and environment variable NAMES (replay never reads their values), and whether the
// bundle was redacted.

const CONFIG = [A.redisGatewayConfig.id, A.redisPing.id];
const PLIST = (d: Diagnosis) => (d.collection.absent[A.launchAgentPlist.id] ? A.launchDaemonPlist.id : A.launchAgentPlist.id);
const UNSET = '(unset)';

const def = (id: string, label: string, read: (d: Diagnosis) => Side, extra: Partial<ReadingDef> = {}): ReadingDef => ({ id, group: 'machine', label, unit: null, polarity: null, read, ...extra });

/** Names added and removed between two comma-joined lists. */
function listNote(old: Side, now: Side): string | undefined {
  if (typeof old.value !== 'string' || typeof now.value !== 'string') return undefined;
  const a = new Set(old.value.split(', ').filter(Boolean));
  const b = new Set(now.value.split(', ').filter(Boolean));
  const added = [...b].filter((n) => !a.has(n));
  const removed = [...a].filter((n) => !b.has(n));
  return [added.length ? `added ${added.join(', ')}` : '', removed.length ? `removed ${removed.join(', ')}` : ''].filter(Boolean).join('; ') || undefined;
}

const configText = (v: unknown): string => (typeof v === 'string' ? v : (JSON.stringify(v) ?? String(v)));

function configDefs(old: Diagnosis, now: Diagnosis): ReadingDef[] {
  const keys = keysOfBoth(old, now, (d) => Object.keys(d.redis?.config ?? {}), (k) => k);
  return keys.map((key) =>
    def(`config:${key}`, `joelclaw:gateway:config ${key}`, (d) => {
      const config = d.redis?.config;
      if (!config) return sideOf(null, () => unknownWhy(d, CONFIG, 'redis'));
      return { value: key in config ? configText(config[key]) : UNSET };
    }),
  );
}

// Why: the machine table of the diff, facts first, config keys after.
export function machineDefs(old: Diagnosis, now: Diagnosis): ReadingDef[] {
  const modelWhy = (d: Diagnosis) => () => unknownWhy(d, CONFIG, 'redis');
  const pi = (d: Diagnosis) => d.machine.pi;
  return [
    def('runtime', 'gateway runtime (legacy daemon.ts / slim transport-daemon.ts)', (d) => sideOf(d.runtime === 'unknown' ? null : d.runtime, () => unknownWhy(d, [A.ps.id], 'process'))),
    def('pi.machine', 'pi --version on the machine', (d) => sideOf(pi(d).machine, () => unknownWhy(d, [A.piVersion.id], 'error-log'))),
    def('pi.pinned', 'pi pinned in packages/gateway/package.json', (d) => sideOf(pi(d).pinned, () => unknownWhy(d, [A.gatewayPackageJson.id], 'error-log'))),
    def(
      'pi.skew',
      'machine pi vs pinned pi',
      (d) => sideOf(pi(d).machine && pi(d).pinned ? (pi(d).machine === pi(d).pinned ? 'same' : 'differ') : null, () => unknownWhy(d, [A.piVersion.id, A.gatewayPackageJson.id], 'error-log')),
      { polarity: 'lower', order: ['same', 'differ'] },
    ),
    def('model.configured', 'model asked for (joelclaw:gateway:config)', (d) => sideOf(d.machine.model.configured, modelWhy(d))),
    def('model.live', 'model the daemon runs', (d) => sideOf(d.machine.model.live, () => unknownWhy(d, [A.health.id, A.sessionTranscript.id], 'cli-status'))),
    def('model.fallback', 'fallback model configured', (d) => sideOf(d.machine.model.fallback, modelWhy(d))),
    def(
      'model.fallbackActive',
      'fallback in use at capture',
      (d) => sideOf(d.machine.model.fallbackActive === null ? null : d.machine.model.fallbackActive ? 'yes' : 'no', () => unknownWhy(d, [A.health.id], 'cli-status')),
      { polarity: 'lower', order: ['no', 'yes'] },
    ),
    ...configDefs(old, now),
    def('plist.program', 'launchd plist program', (d) => sideOf(d.machine.plist ? d.machine.plist.program.join(' ') || '(no program)' : null, () => unknownWhy(d, [PLIST(d)], 'process'))),
    def('plist.environmentNames', 'launchd plist environment variable names', (d) => sideOf(d.machine.plist ? d.machine.plist.environmentNames.join(', ') : null, () => unknownWhy(d, [PLIST(d)], 'process')), { note: listNote }),
    def('redaction', 'redaction when collected', (d) => ({ value: d.collection.redactions.enabled ? 'on' : 'off' }), { polarity: 'lower', order: ['on', 'off'] }),
  ];
}
