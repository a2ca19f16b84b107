import { A } from '../../bundle/artifacts.js';
import { gatewayAbsence } from '../gateway-presence.js';
import { processFacts } from '../process-facts.js';
import type { Evidence, Scenario } from '../types.js';
import { fired, hitEvidence, hitsOf, lineEvidence } from './evidence.js';

// Ours: no gateway process at capture, and launchd is not running it (registered but not running, or not
// registered at all). A disabled service is the launchd-disabled scenario instead (facts §2.4 L1 rule 5).

const daemonDown: Scenario = {
  id: 'daemon-down',
  title: 'Gateway daemon not running',
  cause: 'No daemon.ts or transport-daemon.ts process was running and launchd was not running the service; the last exit code and the startup guards in gateway.err say why it stopped.',
  fix: [
    'Read why it exited: `launchctl print gui/$(id -u)/com.joel.gateway` (last exit code) and the tail of /tmp/joelclaw/gateway.err (startup guards: agent-secrets not ready, missing or global pi extension).',
    'Fix that cause, then start it: `joelclaw gateway restart` (or `launchctl kickstart -k gui/$(id -u)/com.joel.gateway`).',
    'If launchd does not know the service, bootstrap the plist: `launchctl bootstrap gui/$(id -u) ~/Library/LaunchAgents/com.joel.gateway.plist`.',
  ],
  layer: 'process',
  match(ctx) {
    const f = processFacts(ctx);
    if (f.disabled === true) return null; // launchd-disabled explains it
    if (gatewayAbsence(ctx)) return null; // no-gateway: nothing here ever ran it
    if (f.alive !== false) return null;
    if (f.psRan && f.runtimesSeen !== 'none') return null; // some gateway process runs, just not the expected pid
    if (f.registered && /^running$/i.test(f.state ?? '')) return null;
    const printId = f.domain === 'gui' ? A.launchctlPrintGui.id : A.launchctlPrintSystem.id;
    const launchd: Evidence | null = f.registered
      ? lineEvidence(ctx, printId, /^\s*state\s*=/i)
      : f.launchctlRan
        ? { artifact: printId, excerpt: 'com.joel.gateway is not registered with launchd' }
        : null;
    const lastExit = f.registered ? lineEvidence(ctx, printId, /^\s*last exit code\s*=/i) : null;
    return fired([
      f.psRan ? { artifact: A.ps.id, excerpt: 'no daemon.ts or transport-daemon.ts process' } : null,
      launchd,
      lastExit,
      ...hitEvidence(hitsOf(ctx, 'startup-guard'), 1),
    ]);
  },
};

export default daemonDown;
