import { A } from '../../bundle/artifacts.js';
import { parseSession } from '../parse/session.js';
import type { Scenario } from '../types.js';
import { fired } from './evidence.js';

// Ours: the daemon's session-pressure math (facts §8.4), recomputed from the transcript, says `critical`:
// context at or over 75% of the window, or the session older than 8 h. The daemon should rotate right away.

const sessionPressureCritical: Scenario = {
  id: 'session-pressure-critical',
  title: 'Session pressure critical',
  cause: 'The live pi session is at or past the rotation threshold (75% of the context window, or 8 h of session age); turns get slow and context overflow or a forced rotation is near.',
  fix: [
    "The daemon should rotate the session by itself ('context ceiling — rotating session' / 'session age limit reached' in gateway.err); check it did.",
    'If it does not, force a fresh session: write /tmp/joelclaw/gateway.force-new-session.json (`{"reason":"manual","requestedAt":"<ISO>"}`) and restart the gateway.',
    'Check the compaction settings in ~/.joelclaw/gateway/.pi/settings.json (compaction.enabled, reserveTokens) if compaction never runs.',
  ],
  layer: 'session',
  match(ctx) {
    const s = parseSession(ctx);
    const p = s?.pressure;
    if (!s || p?.health !== 'critical') return null;
    const why = `${p.reasons.join(', ')}: usage ${p.usagePercent ?? '?'}% of ${p.contextWindow} (${p.windowWhy}), session age ${p.sessionAgeHours === null ? '?' : p.sessionAgeHours.toFixed(1)} h`;
    return fired([
      s.usage ? { artifact: A.sessionTranscript.id, line: s.usage.line, excerpt: `${s.usage.tokens} context tokens; ${why}` } : null,
      s.header && p.reasons.includes('session_age') ? { artifact: A.sessionTranscript.id, line: s.header.line, excerpt: `session started ${s.header.at ?? '?'}` } : null,
      !s.usage ? { artifact: A.sessionTranscript.id, excerpt: why } : null,
    ]);
  },
};

export default sessionPressureCritical;
