import { A } from '../../bundle/artifacts.js';
import { gatewayAbsence } from '../gateway-presence.js';
import { gatewayKeyCount } from '../redis-summary.js';
import type { Scenario } from '../types.js';
import { fired } from './evidence.js';

// Ours: the bundle comes from a machine without the gateway: no plist, no launchd service, no process, no
// gateway files, no /health, while Redis (or the cluster) may still answer. Read layer by layer that looked half
// ok; the owner's own health check made the same mistake with k8s on flagg (joelclaw b71f5aa3, 2026-07-14).

const noGateway: Scenario = {
  id: 'no-gateway',
  title: 'No gateway on this machine',
  cause: 'Nothing of the gateway is installed on the machine the bundle was collected on (no com.joel.gateway plist or launchd service, no daemon process, no /tmp/joelclaw or ~/.joelclaw files, no /health): it was collected on the wrong machine, or the gateway was never set up here. A Redis that answers here says nothing about the gateway.',
  fix: [
    'Collect on the machine that runs the gateway: the one with ~/Library/LaunchAgents/com.joel.gateway.plist or /Library/LaunchDaemons/com.joel.gateway.plist (`gwbundle collect` there, or `--root`/`--home` on a copy of its disk).',
    'If this machine should run it, install and load it: `launchctl bootstrap gui/$(id -u) ~/Library/LaunchAgents/com.joel.gateway.plist` (or the LaunchDaemon in the system domain), then `joelclaw gateway status`.',
    "If Redis answered, check that `--redis-url` is the gateway's Redis: this one holds none of its keys.",
  ],
  layer: 'process',
  match(ctx) {
    const none = gatewayAbsence(ctx);
    if (!none) return null;
    const redis = gatewayKeyCount(ctx) === 0 ? { artifact: A.redisPing.id, excerpt: "Redis answered but holds none of the gateway's keys" } : null;
    return fired([...none.evidence, redis]);
  },
};

export default noGateway;
