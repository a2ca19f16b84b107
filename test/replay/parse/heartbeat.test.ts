import { describe, expect, it } from 'vitest';
import { parseHeartbeat } from '../../../src/replay/parse/heartbeat.js';

describe('parseHeartbeat', () => {
  it('reads the exported constant of the daemon and the slim transport', () => {
    expect(parseHeartbeat('export const lastHeartbeatTs = 1772720525000;\n')).toEqual({ ts: 1772720525000, shape: 'export' });
  });

  it('reads the bare number of the legacy pi extension', () => {
    expect(parseHeartbeat('1772720525000\n')).toEqual({ ts: 1772720525000, shape: 'bare' });
  });

  it('returns null for anything else', () => {
    expect(parseHeartbeat('hello')).toEqual({ ts: null, shape: null });
  });
});
