import { describe, expect, it } from 'vitest';
import { A } from '../../../src/bundle/artifacts.js';
import { createContext } from '../../../src/replay/context.js';
import session from '../../../src/replay/layers/session.js';
import { channelOfSource } from '../../../src/replay/parse/prompt-source.js';
import { gatewayStreamEntry } from '../../helpers/seed-redis.js';
import { healthBody } from '../../helpers/simulated-host/formats.js';
import { persistedInbound } from '../../helpers/simulated-host/presets/records.js';
import { bundleOfDraft, draftOf } from '../scenarios/host-bundle.js';
import { userMessage } from '../../helpers/simulated-host/formats/session-jsonl.js';
import { minutesBefore, msBefore } from '../../helpers/simulated-host/spec.js';
import type { GatewayRedisState } from '../../helpers/seed-redis.js';

// A Slack prompt reaches pi without a channel preamble (the real injectChannelContext has no Slack case), yet
// the watchdog gives `slack:` sources the 3-minute human threshold. The transcript is pi's, the log lines are
// Bun's; the source comes from the stream entry, /health's in-flight request or the store's log line.

const SLACK = 'slack:C07GATEWAY:1795778400.000100';
const PROMPT = 'can you check the deploy of web?';

/** The healthy machine with a Slack prompt 6 min old and no reply; `keep` says where its source is on record. */
function hungSlackTurn(keep: { stream?: boolean; health?: boolean; log?: boolean }) {
  const d = draftOf('healthy');
  d.session!.entries.push(userMessage(PROMPT, minutesBefore(6), { source: SLACK }));
  if (keep.log) d.gatewayLog.push(persistedInbound(`${msBefore(6.01)}-0`, SLACK, 'P1'));
  if (keep.stream) (d.redis as GatewayRedisState).stream = [gatewayStreamEntry(msBefore(6.01), SLACK, PROMPT, 1)];
  const body = healthBody({ queueDepth: 1 }) as { status: { supersession: { activeRequest: unknown } } };
  if (keep.health) body.status.supersession.activeRequest = { id: 'req-1', source: SLACK, enqueuedAt: minutesBefore(6.01), supersessionKey: null, superseded: false, supersededAt: null, supersededBySource: null };
  d.health = { status: 200, body: JSON.stringify(body) };
  return session.run(createContext(bundleOfDraft(d)));
}

describe('the source of a prompt without a channel preamble', () => {
  it.each([
    ['the durable stream entry', { stream: true }, A.redisMessagesStream.id],
    ["the daemon's in-flight request", { health: true }, A.health.id],
    ['the persisted-message log line', { log: true }, A.gatewayLog.id],
  ] as const)('is read from %s, so a 6-minute hung Slack turn is past the 3 min human threshold', (via, keep, artifact) => {
    const r = hungSlackTurn(keep);
    expect(r.status).toBe('failed');
    const f = r.findings.find((x) => x.messageId === 'sessionUnansweredPrompt');
    expect(f?.text).toBe(`turn hanging for 6 min (unanswered prompt; ${SLACK}, per ${via}), past the 3 min human-channel stuck threshold`);
    expect(f?.evidence.map((e) => e.artifact)).toEqual([A.sessionTranscript.id, artifact]);
  });

  it('stays internal (10 min) when nothing in the bundle names the source', () => {
    const r = hungSlackTurn({});
    expect(r.findings.find((x) => x.messageId === 'sessionTurnInProgress')?.text).toMatch(/under the 10 min internal stuck threshold/);
  });

  it('names the channel by the source prefix', () => {
    expect([channelOfSource(SLACK), channelOfSource('telegram:8675309'), channelOfSource('redis')]).toEqual(['slack', 'telegram', 'redis']);
  });
});
