import { A } from '../../bundle/artifacts.js';
import type { ReplayContext } from '../context.js';
import { gatewayStatus } from '../gateway-status.js';
import { asRecord } from '../parse/health.js';
import { firstLine } from '../first-line.js';
import type { Finding, Layer, LayerResult } from '../types.js';

// Seed layer 4: did the `joelclaw gateway test` event drain within the 8 s wait (facts §2.4 L10)? Opt-in at
// collect time (it pushes an event), and skipped on purpose in redis_degraded mode.

const E2E_TYPE = 'test.gateway-e2e';


/** Where the pushed test event still sits, if anywhere. */
function stuckIn(ctx: ReplayContext, pushedId: string | null): string[] {
  const doc = asRecord(ctx.json(A.e2eEvents.id));
  const sessions = asRecord(doc?.result)?.sessions;
  const out: string[] = [];
  for (const raw of Array.isArray(sessions) ? sessions : []) {
    const s = asRecord(raw) ?? {};
    const events = Array.isArray(s.events) ? s.events : [];
    const hit = events.some((e) => {
      const ev = asRecord(e);
      return ev !== undefined && ((pushedId !== null && ev.id === pushedId) || ev.type === E2E_TYPE);
    });
    if (hit) out.push(String(s.session ?? '?'));
  }
  return out;
}

function judge(ctx: ReplayContext): Omit<LayerResult, 'id' | 'seedLayer' | 'title'> {
  const test = ctx.entry(A.e2eTest.id);
  if (!test || test.status === 'skipped' || (test.status === 'missing' && !ctx.view.manifest.options.e2e)) {
    return { status: 'skipped', reason: 'not requested (collect with --e2e)', detail: 'not requested (collect with --e2e)', findings: [] };
  }
  if (gatewayStatus(ctx)?.mode === 'redis_degraded') {
    const why = 'redis_degraded: the Redis bridge is the degraded surface';
    return { status: 'skipped', reason: why, detail: why, findings: [] };
  }
  const testEvidence = [{ artifact: A.e2eTest.id }];
  if (test.status === 'missing') return { status: 'unknown', reason: ctx.absence(A.e2eTest.id) ?? 'joelclaw not found', detail: 'the e2e test could not run', findings: [] };
  if (test.status === 'timeout' || test.status === 'error') {
    const why = firstLine(test.stderr) || test.reason || `exit ${test.exitCode ?? '?'}`;
    return { status: 'failed', detail: `E2E test failed: ${why}`, findings: [{ messageId: 'e2eCommandFailed', text: `joelclaw gateway test ${test.status}: ${why}`, severity: 'error', evidence: testEvidence }] };
  }
  const envelope = asRecord(ctx.json(A.e2eTest.id));
  if (!envelope) return { status: 'unknown', reason: ctx.absence(A.e2eTest.id) ?? `${A.e2eTest.id} is not a JSON object`, detail: 'the e2e test output did not parse', findings: [] };
  if (envelope.ok === false) {
    const msg = String(asRecord(envelope.error)?.message ?? 'ok: false');
    return { status: 'failed', detail: `E2E test failed: ${msg}`, findings: [{ messageId: 'e2eNotOk', text: `joelclaw gateway test said ok: false (${msg})`, severity: 'error', evidence: testEvidence }] };
  }
  const pushed = asRecord(asRecord(envelope.result)?.pushed);
  const pushedId = typeof pushed?.id === 'string' ? pushed.id : null;
  const absent = ctx.absence(A.e2eEvents.id);
  if (absent || !asRecord(ctx.json(A.e2eEvents.id))) {
    return { status: 'unknown', reason: absent ?? `${A.e2eEvents.id} is not a JSON object`, detail: `test event ${pushedId ?? '?'} pushed; queue after 8 s not captured`, findings: [] };
  }
  const findings: Finding[] = [{ messageId: 'e2ePushed', text: `pushed ${pushed?.type ?? E2E_TYPE} ${pushedId ?? '(no id)'}`, severity: 'info', evidence: testEvidence }];
  const stuck = stuckIn(ctx, pushedId);
  if (stuck.length > 0) {
    findings.push({ messageId: 'e2eStuck', text: `test event still queued in session(s) ${stuck.join(', ')} after 8 s`, severity: 'error', evidence: [{ artifact: A.e2eEvents.id }] });
    return { status: 'failed', detail: 'Test event stuck in queue — session not draining', findings };
  }
  return { status: 'ok', detail: 'Test event pushed and drained within 8s', findings };
}

const layer: Layer = {
  id: 'e2e',
  seedLayer: 4,
  title: 'End-to-end delivery test',
  run: (ctx) => ({ id: 'e2e', seedLayer: 4, title: layer.title, ...judge(ctx) }),
};

export default layer;
