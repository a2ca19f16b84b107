import { describe, expect, it } from 'vitest';
import { A } from '../../../src/bundle/artifacts.js';
import { allowedEnv, hostFacts, hostInfo } from '../../../src/collect/host/index.js';
import { testOptions } from '../helpers/options.js';

describe('host', () => {
  it('bundles only the allowlisted env vars, never the rest of the environment', () => {
    const env = {
      REDIS_HOST: 'localhost',
      PI_GATEWAY_WS_PORT: '3019',
      JOELCLAW_GATEWAY_HUMAN_STUCK_THRESHOLD_MS: '120000',
      TELEGRAM_BOT_TOKEN: '123456:AAAAsecret',
      PATH: '/usr/bin',
    };
    expect(allowedEnv(env)).toEqual({
      JOELCLAW_GATEWAY_HUMAN_STUCK_THRESHOLD_MS: '120000',
      PI_GATEWAY_WS_PORT: '3019',
      REDIS_HOST: 'localhost',
    });
    const doc = hostInfo(testOptions({ env })).content ?? '';
    expect(doc).not.toContain('AAAAsecret');
    expect(doc).not.toContain('/usr/bin');
  });

  it('leaves uptime out under SOURCE_DATE_EPOCH and records it otherwise', () => {
    const sde = JSON.parse(hostInfo(testOptions({ sourceDateEpoch: true })).content ?? '{}');
    const live = JSON.parse(hostInfo(testOptions({ sourceDateEpoch: false })).content ?? '{}');
    expect(sde.uptimeSec).toBeUndefined();
    expect(live.uptimeSec).toBeGreaterThan(0);
    expect(hostInfo(testOptions()).id).toBe(A.hostInfo.id);
  });

  it('gives the manifest host block with the uid of the options', () => {
    const h = hostFacts(testOptions({ uid: 501 }));
    expect(h).toMatchObject({ uid: 501, platform: process.platform, nodeVersion: process.version });
    expect(h.os).not.toBe('');
  });
});
