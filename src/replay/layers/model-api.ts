import { A } from '../../bundle/artifacts.js';
import type { ReplayContext } from '../context.js';
import { firstLine } from '../first-line.js';
import type { Layer, LayerResult } from '../types.js';

// Seed layer 7: is the model API reachable? The probe posts with a fake key, so `authentication_error` is
// the healthy answer (facts §2.4 L11). Opt-in at collect time: it is outbound network.

/** curl's exit codes worth naming (man curl, EXIT CODES). */
const CURL_EXIT: Record<number, string> = {
  6: "couldn't resolve host",
  7: 'failed to connect',
  28: 'operation timed out',
  35: 'TLS handshake failed',
  52: 'empty reply from server',
  56: 'failure receiving network data',
};


function judge(ctx: ReplayContext): Omit<LayerResult, 'id' | 'seedLayer' | 'title'> {
  const e = ctx.entry(A.modelApiProbe.id);
  const evidence = [{ artifact: A.modelApiProbe.id }];
  if (!e || e.status === 'skipped' || (e.status === 'missing' && !ctx.view.manifest.options.probeModelApi)) {
    const why = 'not probed (collect with --probe-model-api)';
    return { status: 'skipped', reason: why, detail: why, findings: [] };
  }
  if (e.status === 'missing') return { status: 'unknown', reason: ctx.absence(A.modelApiProbe.id) ?? 'curl not found', detail: 'the model API probe could not run', findings: [] };
  if (e.status === 'timeout' || (e.exitCode ?? 0) !== 0) {
    const code = e.exitCode ?? null;
    const why = e.status === 'timeout' ? 'timed out' : `curl exit ${code}${code !== null && CURL_EXIT[code] ? ` (${CURL_EXIT[code]})` : ''}${firstLine(e.stderr) ? `: ${firstLine(e.stderr)}` : ''}`;
    return { status: 'failed', detail: `API unreachable: ${why}`, findings: [{ messageId: 'apiUnreachable', text: `model API probe failed: ${why}`, severity: 'error', evidence }] };
  }
  const body = ctx.text(A.modelApiProbe.id) ?? '';
  if (body.includes('authentication_error')) {
    return { status: 'ok', detail: 'API reachable (authentication_error for the probe key, as expected)', findings: [] };
  }
  const preview = body.trim().slice(0, 100) || '(empty body)';
  return { status: 'degraded', detail: `Unexpected response: ${preview}`, findings: [{ messageId: 'unexpectedResponse', text: `model API answered without authentication_error: ${preview}`, severity: 'warn', evidence }] };
}

const layer: Layer = {
  id: 'model-api',
  seedLayer: 7,
  title: 'Model API reachability',
  run: (ctx) => ({ id: 'model-api', seedLayer: 7, title: layer.title, ...judge(ctx) }),
};

export default layer;
