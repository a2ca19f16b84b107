import type { CollectOptions } from '../../../src/collect/types.js';

/** Collect options for tests: an empty root, short timeouts, a fixed clock; override what the test is about. */
export function testOptions(over: Partial<CollectOptions> = {}): CollectOptions {
  return {
    root: '/nonexistent-gwbundle-root',
    home: '/Users/joel',
    hours: 1,
    timeoutMs: 1000,
    maxSizeBytes: 25_000_000,
    // why: a socket path under the absent root: a test that forgets to give its own Redis touches no port at all
    redisUrl: 'unix:///nonexistent-gwbundle-root/redis.sock',
    kubeconfig: null,
    namespace: 'joelclaw',
    e2e: false,
    probeModelApi: false,
    redact: true,
    now: new Date('2026-11-27T12:00:00.000Z'),
    sourceDateEpoch: true,
    env: { PATH: '/nonexistent-gwbundle-bin' },
    uid: 501,
    ...over,
  };
}
