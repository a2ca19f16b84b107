import { A } from '../../bundle/artifacts.js';
import { GATEWAY_LABEL, parseDisabled } from '../parse/launchctl.js';
import { processFacts } from '../process-facts.js';
import type { Scenario } from '../types.js';
import { fired, lineEvidence } from './evidence.js';

// Ours: launchd has com.joel.gateway disabled in the domain the real diagnose picks (facts §7, §2.4 L1 rules
// 1-2), so launchd neither starts nor restarts the daemon; a live process is then a manual run. Older macOS
// prints `=> true` for disabled, which the real diagnose reads as unknown; we read it as disabled.

const launchdDisabled: Scenario = {
  id: 'launchd-disabled',
  title: 'launchd service disabled',
  cause: `launchctl lists "${GATEWAY_LABEL}" => disabled, so launchd will not start or keep alive the gateway (an earlier \`launchctl disable\` or \`joelclaw gateway disable\`).`,
  fix: [
    'Re-enable and start it: `joelclaw gateway enable` or `joelclaw gateway restart` (it runs `launchctl enable`, bootstrap if needed, and `kickstart -k`).',
    `By hand: \`launchctl enable gui/$(id -u)/${GATEWAY_LABEL}\` (or system/${GATEWAY_LABEL} for the LaunchDaemon), then \`launchctl kickstart -k\` the same target.`,
    'If a daemon.ts process runs anyway, it is a manual run outside launchd: stop it once launchd owns the service again.',
  ],
  layer: 'process',
  match(ctx) {
    const f = processFacts(ctx);
    const id = f.domain === 'gui' ? A.launchctlDisabledGui.id : A.launchctlDisabledSystem.id;
    const oldShape = f.disabled === null && ctx.absence(id) === null && parseDisabled(ctx.text(id) ?? '').raw === 'true';
    if (f.disabled !== true && !oldShape) return null;
    const line = lineEvidence(ctx, id, new RegExp(`"${GATEWAY_LABEL.replace(/\./g, '\\.')}"\\s*=>`));
    const alive = f.alive && f.daemonRow ? { artifact: A.ps.id, line: f.daemonRow.line, excerpt: `pid ${f.daemonRow.pid} runs outside launchd` } : null;
    return fired([line ?? { artifact: id, excerpt: `${GATEWAY_LABEL} => disabled (${f.domain})` }, alive]);
  },
};

export default launchdDisabled;
