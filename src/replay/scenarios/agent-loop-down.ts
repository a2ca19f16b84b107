import { agentLoop } from '../agent-loop.js';
import type { Scenario } from '../types.js';
import { fired } from './evidence.js';

// Ours: the slim transport is up and the agent loop is not (after the 2026-07-30 reboot on flagg the driver had
// no supervisor; .brain/tasks/reboot-repair-gateway.svx; supervised since joelclaw e9123e10). Everything the
// transport owns looks healthy: launchd, pid file, tripwire. Nobody decides or answers; only the raw fallback.

const agentLoopDown: Scenario = {
  id: 'agent-loop-down',
  title: 'Slim transport up, agent loop down',
  cause: 'The slim transport (com.joel.gateway) runs and keeps its pid file and tripwire fresh, but the agent loop that decides what Joel hears (agent-comms-driver and its session) is not running: gateway:agent:heartbeat is gone. Messages reach Joel only through the transport\'s raw "⚠️ fallback:" path; launchd and status checks of the transport all look healthy.',
  fix: [
    'Confirm it is down, not a blip: `redis-cli TTL gateway:agent:heartbeat` twice a minute apart (-2 both times) and `pgrep -fl agent-comms-driver` (nothing).',
    'Start exactly one driver, never a second transport daemon: `pnpm --filter @joelclaw/agent-comms-driver start`, or kickstart the launchd job that supervises it where one exists.',
    'Verify: the heartbeat key refreshes (positive TTL, changing), and pending stream events get decision receipts instead of fallbacks.',
  ],
  layer: 'process',
  match(ctx) {
    const loop = agentLoop(ctx);
    return loop?.down ? fired(loop.evidence) : null;
  },
};

export default agentLoopDown;
