import { A } from '../../bundle/artifacts.js';
import type { ReplayContext } from '../context.js';
import { piVersions } from '../pi-versions.js';
import type { Evidence, Scenario } from '../types.js';
import { fired, hitEvidence, hitsOf, lineEvidence, otelEvidence, otelOf } from './evidence.js';

// SKILL scenario 2b: the daemon imports pi from packages/gateway/package.json (pinned 0.70.2, facts §1.10),
// which can lag the machine's `pi` binary, so the fallback or recovery probe fails with "pi model not found"
// although `pi --version` knows the model. Both versions go into the evidence so the reader sees the skew.

const NOT_FOUND = /model not found/i;

/** Versions on both sides, each cited where it was read. */
function versionEvidence(ctx: ReplayContext): Evidence[] {
  const out: Evidence[] = [];
  const { machine: cli, pinned, pins } = piVersions(ctx);
  const verdict = cli && pinned ? (cli === pinned ? 'same version: skew is not the cause' : 'they differ: the embedded pi lags or leads the CLI') : 'one side unknown';
  out.push({ artifact: A.piVersion.id, line: 1, excerpt: `machine pi --version: ${cli ?? `unknown (${ctx.absence(A.piVersion.id) ?? 'unparseable'})`}; embedded pin: ${pinned ?? 'unknown'} (${verdict})` });
  for (const p of pins) {
    const at = lineEvidence(ctx, A.gatewayPackageJson.id, new RegExp(`"${p.name.replace('/', '\\/')}"`));
    if (at) out.push({ ...at, excerpt: `${p.name} pinned ${p.version ?? '?'}` });
  }
  return out;
}

const s2b: Scenario = {
  id: '2b',
  title: 'Embedded pi dependency skew breaks model recovery',
  cause:
    'The daemon runs the pi packages pinned in packages/gateway/package.json, which can lag the machine pi binary; the fallback or recovery probe asks for a model the embedded pi does not know ("pi model not found").',
  fix: [
    'Compare `pi --version` with @mariozechner/pi-ai and @mariozechner/pi-coding-agent in packages/gateway/package.json (both are in this evidence).',
    'If the pin is stale, upgrade the embedded gateway deps, reinstall the workspace packages (`bun install`), and restart the gateway.',
    'Verify the daemon tracks the fallback primary from the live session.model, not only the requested gateway config.',
  ],
  layer: 'error-log',
  match(ctx) {
    const hits = hitsOf(ctx, 'model-not-found');
    const otel = [...otelOf(ctx, 'fallback.model_not_found'), ...otelOf(ctx, 'model_fallback.probe_failed').filter((e) => NOT_FOUND.test(e.error ?? ''))].sort((a, b) => a.ms - b.ms);
    if (hits.length === 0 && otel.length === 0) return null;
    return fired([...hitEvidence(hits, 2), ...otelEvidence(otel, 2), ...versionEvidence(ctx)]);
  },
};

export default s2b;
