import { A } from '../../bundle/artifacts.js';
import { describeFailure, launchdJobs } from '../launchd-jobs.js';
import type { Scenario } from '../types.js';
import { fired } from './evidence.js';

// Ours: one of the owner's launchd helper jobs (com.joel.*: Colima and k8s healers, the tripwire, tunnels,
// workers) exits non-zero on every run. In February 2026 com.joel.colima and com.joel.k8s-reboot-heal failed
// every 5 minutes for 6 days because launchd's PATH had no /opt/homebrew/bin (Colima shells to limactl), and
// nothing noticed until the cluster needed them (ADR-0159; joelclaw bc19202c, 2026-02-27).

const helperJobFailing: Scenario = {
  id: 'helper-job-failing',
  title: 'A launchd helper job fails on every run',
  cause: 'A com.joel.* launchd job that guards the gateway or its substrate (a Colima or k8s healer, the tripwire, a tunnel) exits non-zero each time launchd starts it, so the recovery or check it exists for has silently not happened for as long as it has been failing. Under launchd a job gets PATH=/usr/bin:/bin:/usr/sbin:/sbin: anything from Homebrew is "command not found" (exit 127).',
  fix: [
    "Read why it fails: the tail of its StandardErrorPath (`gwbundle show BUNDLE launchd-jobs/<domain>/<label>/stderr`) and `launchctl print gui/$(id -u)/<label>` (last exit code: 127 = command not found, 78 = EX_CONFIG, 1 = the program's own error).",
    'For 127 or "command not found": add EnvironmentVariables PATH with /opt/homebrew/bin to the plist, and `export PATH=...` at the top of its script (launchd does not read your shell profile).',
    'Reload it and watch one run: `launchctl bootout gui/$(id -u)/<label>`, `launchctl bootstrap gui/$(id -u) ~/Library/LaunchAgents/<label>.plist`, `launchctl kickstart -k gui/$(id -u)/<label>`, then check `last exit code = 0`.',
  ],
  layer: 'substrate',
  match(ctx) {
    const failing = (launchdJobs(ctx) ?? []).filter((j) => j.failing);
    if (failing.length === 0) return null;
    return fired(
      failing.flatMap((j) => [
        { artifact: j.printId ?? A.launchdJobsListing.id, excerpt: `${j.label}: ${describeFailure(j)}` },
        ...j.evidence,
        j.lastLogLine,
      ]),
    );
  },
};

export default helperJobFailing;
