import { describe, expect, it } from 'vitest';
import { UsageError } from '../src/errors.js';
import { captureClock, collectOptionsFrom, parsePositive, parseSize, redisUrlFrom } from '../src/options.js';

const flags = {
  hours: '1',
  maxSize: '25MB',
  timeout: '10',
  root: '/',
  namespace: 'joelclaw',
  redact: true,
  e2e: false,
  probeModelApi: false,
};

describe('parseSize', () => {
  it('reads KB and MB as 1000-based and KiB and MiB as 1024-based', () => {
    expect(parseSize('--max-size', '25MB')).toBe(25_000_000);
    expect(parseSize('--max-size', '900KB')).toBe(900_000);
    expect(parseSize('--max-size', '20MiB')).toBe(20 * 1024 * 1024);
    expect(parseSize('--max-size', '3kib')).toBe(3072);
    expect(parseSize('--max-size', '12345')).toBe(12345);
    expect(parseSize('--max-size', '1.5MB')).toBe(1_500_000);
  });

  it('refuses unknown units and nonsense with a message naming the flag and the value', () => {
    expect(() => parseSize('--max-size', '25XB')).toThrowError(/--max-size .*"25XB"/);
    expect(() => parseSize('--max-size', 'big')).toThrowError(UsageError);
    expect(() => parseSize('--max-size', '0')).toThrowError(/at least 1 byte/);
  });
});

describe('parsePositive', () => {
  it('accepts fractions and refuses zero, negatives and words', () => {
    expect(parsePositive('--hours', '0.5')).toBe(0.5);
    for (const bad of ['0', '-1', 'abc', '']) expect(() => parsePositive('--hours', bad)).toThrowError(UsageError);
  });
});

describe('redisUrlFrom', () => {
  it('prefers the flag, then REDIS_HOST/REDIS_PORT like the gateway, then localhost:6379', () => {
    expect(redisUrlFrom('redis://r:1', { REDIS_HOST: 'x' })).toBe('redis://r:1');
    expect(redisUrlFrom(undefined, { REDIS_HOST: 'cache', REDIS_PORT: '6380' })).toBe('redis://cache:6380');
    expect(redisUrlFrom(undefined, { REDIS_PORT: '7000' })).toBe('redis://localhost:7000');
    expect(redisUrlFrom(undefined, {})).toBe('redis://localhost:6379');
  });

  it('refuses a URL that is not redis', () => {
    expect(() => redisUrlFrom('http://x', {})).toThrowError(/--redis-url/);
  });
});

describe('captureClock', () => {
  it('takes SOURCE_DATE_EPOCH seconds as the capture time', () => {
    expect(captureClock({ SOURCE_DATE_EPOCH: '1795780800' })).toEqual({
      now: new Date('2026-11-27T12:00:00.000Z'),
      sourceDateEpoch: true,
    });
  });

  it('refuses a SOURCE_DATE_EPOCH that is not whole seconds', () => {
    expect(() => captureClock({ SOURCE_DATE_EPOCH: '2026-11-27' })).toThrowError(/SOURCE_DATE_EPOCH/);
  });
});

describe('collectOptionsFrom', () => {
  it('normalizes flags into collect options with the timeout in milliseconds', () => {
    const o = collectOptionsFrom({ ...flags, home: '/Users/joel', timeout: '2.5' }, { SOURCE_DATE_EPOCH: '1' });
    expect(o.timeoutMs).toBe(2500);
    expect(o.maxSizeBytes).toBe(25_000_000);
    expect(o.home).toBe('/Users/joel');
    expect(o.now.toISOString()).toBe('1970-01-01T00:00:01.000Z');
    expect(o.kubeconfig).toBeNull();
  });

  it('refuses a relative --home', () => {
    expect(() => collectOptionsFrom({ ...flags, home: 'joel' }, {})).toThrowError(/--home/);
  });
});
