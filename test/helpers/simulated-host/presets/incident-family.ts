import { launchctlNotFound, launchctlPrintDisabled } from '../formats/launchctl.js';
import { PATHS } from '../spec.js';
import type { HostDraft } from './draft.js';
import { healthyDraft } from './healthy.js';

// Machines built from the owner's incident record (docs/incidents.md): each shows what one real outage left
// on the machine, in the formats of today's runtimes, so the report can be checked against what the owner
// learned. The ones listed in PRESET_DRAFTS are also example bundles under fixtures/.

/** 2026-07-14 (b71f5aa3): a machine without the gateway whose Redis answers; what it must read as. */
export function noGateway(): HostDraft {
  const d = healthyDraft();
  const home = d.home;
  d.gatewayLog = [];
  d.gatewayErr = [];
  d.pidFile = null;
  d.wsPortFile = false;
  d.heartbeat = null;
  d.lifecycle = null;
  d.sessionIdFile = null;
  d.session = null;
  d.extraFiles = {};
  d.health = 'refused';
  d.launchd.printGui = launchctlNotFound(`gui/${d.uid}`);
  d.launchd.disabledGui = launchctlPrintDisabled(`gui/${d.uid}`, {});
  // A Redis on the usual port that is not the gateway's: it answers and holds nothing of it.
  d.redis = {};
  d.processes = [{ pid: 733, ppid: 1, elapsedSec: 3 * 86_400, command: '/opt/homebrew/opt/redis/bin/redis-server 127.0.0.1:6379' }];
  d.otelEvents = [];
  d.omit = {
    files: [PATHS.gatewayLog, PATHS.gatewayErr, PATHS.piSettings(home), PATHS.startScript(home), PATHS.tripwirePlist(home), PATHS.gatewayPackageJson, PATHS.launchAgentPlist(home)],
    commands: ['colima', 'joelclaw', 'pi'],
  };
  return d;
}
