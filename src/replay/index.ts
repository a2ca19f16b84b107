import type { BundleView } from '../bundle/view.js';
import { collectionNotes } from './collection-notes.js';
import { type ReplayContext, createContext } from './context.js';
import { diagnoseSubLayers, gatewayStatus } from './layers/cli-status.js';
import { LAYERS } from './layers/index.js';
import { machineFacts } from './machine-facts.js';
import { errLogHits, reconcileErrorLog } from './layers/error-log.js';
import { scanPatterns } from './patterns/scan.js';
import { processFacts } from './layers/process.js';
import { redisSummary } from './redis-summary.js';
import { matchScenarios } from './scenarios/index.js';
import { sessionSummary } from './session-summary.js';
import { buildTimeline } from './timeline.js';
import type { Diagnosis, Layer, LayerId, LayerResult } from './types.js';
import { verdictOf } from './verdict.js';

// The offline diagnosis: every layer in order, the error-log reconciliation, scenarios, timeline, verdict.
// Pure over the bundle view: "now" is the capture time.

/** A layer that throws is reported as unknown with the fault, never dropped (troubleshoot's kots#706). */
function runLayer(layer: Layer, ctx: ReplayContext): LayerResult {
  try {
    return layer.run(ctx);
  } catch (e) {
    return {
      id: layer.id,
      seedLayer: layer.seedLayer,
      title: layer.title,
      status: 'unknown',
      reason: `the ${layer.id} layer could not read this bundle: ${e instanceof Error ? e.message : String(e)}`,
      detail: 'internal fault while replaying this layer',
      findings: [],
    };
  }
}

/** The daemon's own word that it runs without Redis but is still available (facts §8.2). */
function redisDegradedMode(ctx: ReplayContext): boolean {
  const s = gatewayStatus(ctx);
  return s?.sources.health === 'ok' && s.mode === 'redis_degraded' && s.available !== false;
}

export function replay(view: BundleView): Diagnosis {
  const ctx = createContext(view);
  const patterns = scanPatterns(ctx);
  const raw = LAYERS.map((l) => runLayer(l, ctx));
  const byId = (id: LayerId) => raw.find((l) => l.id === id);
  const layers = raw.map((l) =>
    l.id === 'error-log'
      ? reconcileErrorLog(
          l,
          {
            e2e: byId('e2e'),
            process: byId('process'),
            redis: byId('redis'),
            redisDegradedMode: redisDegradedMode(ctx),
          },
          errLogHits(ctx).current,
        )
      : l,
  );
  const m = view.manifest;
  return {
    bundle: {
      sha256: view.bundleSha256,
      collectedAt: m.capture.collectedAt,
      host: m.host.hostname,
      toolVersion: m.tool.version,
    },
    verdict: verdictOf(layers),
    layers,
    scenarios: matchScenarios(ctx, layers),
    patterns,
    timeline: buildTimeline(ctx),
    session: sessionSummary(ctx),
    redis: redisSummary(ctx),
    collection: collectionNotes(ctx),
    runtime: processFacts(ctx).runtime,
    diagnoseLayers: diagnoseSubLayers(ctx),
    machine: machineFacts(ctx),
  };
}
