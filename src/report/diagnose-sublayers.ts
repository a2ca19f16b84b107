import type { DiagnoseLayer } from '../replay/diagnose-sublayers.js';
import type { Diagnosis, LayerResult, LayerStatus } from '../replay/types.js';

// The real diagnose's L1-L7 (process .. operator-tracing) for `--format diagnose`. Replay computes them from
// /health (`Diagnosis.diagnoseLayers`); a Diagnosis without them (older replay, hand-built) gets them rebuilt
// from our process and cli-status layers, whose findings carry each sub-layer as "<layer> <status>: <detail>".

export type RealStatus = DiagnoseLayer['status'];

/** The real shape has no `unknown`: it becomes `skipped`, and the detail says it was unknown and why. */
export function toRealStatus(l: Pick<LayerResult, 'status' | 'reason' | 'detail'>): { status: RealStatus; detail: string } {
  const status: LayerStatus = l.status;
  if (status === 'unknown') return { status: 'skipped', detail: `unknown: ${l.reason ?? l.detail}` };
  if (status === 'skipped' && !/^skipped/i.test(l.detail)) return { status, detail: `Skipped: ${l.reason ?? l.detail}` };
  return { status, detail: l.detail };
}

const SUB_NAMES = ['session-pressure', 'interruptibility', 'channel-health', 'channel-healing', 'operator-tracing'] as const;
const ALWAYS = new Set<string>(['interruptibility', 'operator-tracing']);
const SUB_LINE = /^([a-z-]+) (ok|degraded|failed|skipped): (.*)$/s;

/** Our layer as a real layer object, its findings as plain strings. */
function fromLayer(name: DiagnoseLayer['layer'], l: LayerResult | undefined, keep: (messageId: string) => boolean): DiagnoseLayer {
  if (!l) return { layer: name, status: 'skipped', detail: `unknown: the ${name} layer is not in this diagnosis`, findings: [] };
  return { layer: name, ...toRealStatus(l), findings: l.findings.filter((f) => keep(f.messageId)).map((f) => f.text) };
}

// Why: `--format diagnose` must print L1-L7 even when replay did not hand them over.
export function diagnoseSubLayersOf(d: Diagnosis): DiagnoseLayer[] {
  if (d.diagnoseLayers && d.diagnoseLayers.length > 0) return d.diagnoseLayers;
  const byId = (id: string) => d.layers.find((l) => l.id === id);
  const cli = byId('cli-status');
  const out: DiagnoseLayer[] = [
    fromLayer('process', byId('process'), () => true),
    fromLayer('cli-status', cli, (id) => !id.startsWith('sublayer-')),
  ];
  const subs = new Map<string, DiagnoseLayer>();
  for (const f of cli?.findings ?? []) {
    const m = SUB_LINE.exec(f.text);
    const name = SUB_NAMES.find((n) => n === m?.[1]);
    if (m && name && f.messageId.startsWith('sublayer-')) subs.set(name, { layer: name, status: m[2] as RealStatus, detail: m[3] ?? '', findings: [] });
  }
  const noHealth = cli?.status === 'unknown' ? `unknown: ${cli.reason ?? cli.detail}` : 'Skipped: no /health snapshot';
  for (const name of SUB_NAMES) {
    const sub = subs.get(name);
    if (sub) out.push(sub);
    else if (ALWAYS.has(name)) out.push({ layer: name, status: 'skipped', detail: noHealth, findings: [] });
  }
  return out;
}
