import { Redis } from 'ioredis';
import { describe, expect, inject, it } from 'vitest';

describe('the suite redis-server', () => {
  it('answers PING on its unix socket and on its TCP port', async () => {
    const viaSocket = new Redis({ path: inject('redisSocket'), lazyConnect: true });
    const viaTcp = new Redis({ host: '127.0.0.1', port: inject('redisPort'), lazyConnect: true });
    await viaSocket.connect();
    await viaTcp.connect();
    expect(await viaSocket.ping()).toBe('PONG');
    expect(await viaTcp.ping()).toBe('PONG');
    viaSocket.disconnect();
    viaTcp.disconnect();
  });
});
