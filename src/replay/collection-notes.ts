import type { ReplayContext } from './context.js';
import type { CollectionNotes } from './types.js';

// What the collection could not see, so the report never passes missing evidence off as health.
export function collectionNotes(ctx: ReplayContext): CollectionNotes {
  const view = ctx.view;
  const artifacts = view.manifest.artifacts;
  const idsWhere = (pred: (a: (typeof artifacts)[number]) => boolean) => artifacts.filter(pred).map((a) => a.id);
  const byArtifact: Record<string, Record<string, number>> = {};
  const absent: Record<string, string> = {};
  for (const a of artifacts) {
    if (Object.keys(a.redactions).length > 0) byArtifact[a.id] = a.redactions;
    const why = ctx.absence(a.id);
    if (why !== null) absent[a.id] = why;
  }
  return {
    artifacts: artifacts.length,
    missing: idsWhere((a) => a.status === 'missing'),
    timedOut: idsWhere((a) => a.status === 'timeout'),
    truncated: idsWhere((a) => a.status === 'truncated' || a.truncations.length > 0),
    errors: idsWhere((a) => a.status === 'error'),
    redactions: { enabled: view.manifest.redaction.enabled, totals: view.manifest.redaction.totals, byArtifact },
    options: { ...view.manifest.options },
    absent,
  };
}
