import type { BundleView } from '../bundle/view.js';
import type { CollectionNotes } from './types.js';

// What the collection could not see, so the report never passes missing evidence off as health.
export function collectionNotes(view: BundleView): CollectionNotes {
  const artifacts = view.manifest.artifacts;
  const idsWhere = (pred: (a: (typeof artifacts)[number]) => boolean) => artifacts.filter(pred).map((a) => a.id);
  const byArtifact: Record<string, Record<string, number>> = {};
  for (const a of artifacts) {
    if (Object.keys(a.redactions).length > 0) byArtifact[a.id] = a.redactions;
  }
  return {
    artifacts: artifacts.length,
    missing: idsWhere((a) => a.status === 'missing'),
    timedOut: idsWhere((a) => a.status === 'timeout'),
    truncated: idsWhere((a) => a.status === 'truncated' || a.truncations.length > 0),
    errors: idsWhere((a) => a.status === 'error'),
    redactions: { enabled: view.manifest.redaction.enabled, totals: view.manifest.redaction.totals, byArtifact },
    options: { ...view.manifest.options },
  };
}
