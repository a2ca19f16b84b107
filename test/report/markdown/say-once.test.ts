import { describe, expect, it } from 'vitest';
import { plural, tidyCounts } from '../../../src/report/markdown/plural.js';
import { SaidOnce } from '../../../src/report/markdown/say-once.js';

const MESSAGE = `Authentication failed for "anthropic". Credentials may have expired or network is unavailable. Run '/login anthropic' to re-authenticate.`;

describe('SaidOnce', () => {
  it('shortens a message already printed to its first sentence and "…", wherever it comes again', () => {
    const said = new SaidOnce();
    said.said(`error: ${MESSAGE}\n      at prompt (agent-session.js:907:19)`);
    expect(said.shorten(`1 assistant error in the window (latest: ${MESSAGE})`)).toBe('1 assistant error in the window (latest: Authentication failed for "anthropic"…)');
    expect(said.shorten(`[error] ${MESSAGE}`)).toBe('[error] Authentication failed for "anthropic"…');
  });

  it('takes a text cut with "…" as the repeat it is the start of', () => {
    const said = new SaidOnce();
    said.said(MESSAGE);
    const cut = `queue.prompt.failed (failed): ${MESSAGE}`.slice(0, 100);
    expect(said.shorten(`${cut}…`)).toBe('queue.prompt.failed (failed): Authentication failed for "anthropic"…');
  });

  it('keeps the brackets a shortened run closed, and the words after it', () => {
    const said = new SaidOnce();
    said.said('kubectl: The connection to the server 127.0.0.1:6443 was refused - did you specify the right host or port?');
    expect(said.shorten('cluster unreachable (kubectl: The connection to the server 127.0.0.1:6443 was refused - did you specify the right host or port?) (1 failed)'))
      .toBe('cluster unreachable (kubectl: The connection…) (1 failed)');
  });

  it('leaves short phrases, new text and repeats of what was only shortened alone', () => {
    const said = new SaidOnce();
    said.said('session pressure: ok');
    expect(said.shorten('session pressure: ok')).toBe('session pressure: ok');
    expect(said.shorten('assistant reply (stop): All green: gateway, redis and inngest are healthy.')).toBe('assistant reply (stop): All green: gateway, redis and inngest are healthy.');
    expect(said.shorten('assistant reply (stop): All green: gateway, redis and inngest are healthy.')).toBe('assistant reply (stop): All green: gateway, redis and inngest are healthy.');
  });

  it('prints the first of two findings in full and shortens the second (once)', () => {
    const said = new SaidOnce();
    const text = 'the durable stream holds two messages that the next replay will drop as too old';
    expect(said.once(text)).toBe(text);
    expect(said.once(`also: ${text}`)).toBe('also: the durable stream holds…');
  });
});

describe('counts in words', () => {
  it('says "1 record" and "2 records"', () => {
    expect([plural(1, 'record'), plural(2, 'record'), plural(0, 'entry', 'entries')]).toEqual(['1 record', '2 records', '0 entries']);
  });

  it('turns "N word(s)" into the singular or plural the number asks for', () => {
    expect(tidyCounts('1 assistant error(s) in the window; 2 watchdog.session_stuck* event(s); Redis connected, 1 session(s), 3 pending')).toBe(
      '1 assistant error in the window; 2 watchdog.session_stuck* events; Redis connected, 1 session, 3 pending',
    );
    expect(tidyCounts('consecutiveFailures: 2, see the file(s)')).toBe('consecutiveFailures: 2, see the file(s)');
  });
});
