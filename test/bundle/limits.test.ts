import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, resolveLimits } from '../../src/bundle/limits.js';
import { refusedTypeReason, unsafeNameReason } from '../../src/bundle/entry-rules.js';

describe('resolveLimits', () => {
  it('overrides only the limits given', () => {
    expect(resolveLimits({ maxEntries: 5 })).toEqual({ ...DEFAULT_LIMITS, maxEntries: 5 });
  });

  it.each([0, -1, Number.NaN, Number.POSITIVE_INFINITY])('rejects %s as a limit, naming it', (value) => {
    expect(() => resolveLimits({ maxTotalBytes: value })).toThrow(/^read limit maxTotalBytes must be a positive number/);
  });

  it('keeps node-tar’s ratio default and a manifest cap below the entry cap', () => {
    expect(DEFAULT_LIMITS.maxDecompressionRatio).toBe(1000);
    expect(DEFAULT_LIMITS.maxManifestBytes).toBeLessThan(DEFAULT_LIMITS.maxEntryBytes);
    expect(DEFAULT_LIMITS.maxEntryBytes).toBeLessThanOrEqual(DEFAULT_LIMITS.maxTotalBytes);
  });
});

describe('entry rules', () => {
  it.each([
    ['bundle/manifest.json', null],
    ['bundle/cmd/otel-search/queue.dedup_dropped', null],
    ['/bundle/x', 'absolute path'],
    ['C:/x', 'absolute path (drive letter)'],
    ['bundle/../x', '".." segment'],
    ['bundle//x', 'empty or "." segment'],
    ['bundle/./x', 'empty or "." segment'],
    ['bundle\\x', 'backslash in the name'],
    ['bundle/x\0y', 'NUL byte in the name'],
    ['other/x', 'outside bundle/'],
  ])('judges the name %j', (name, reason) => {
    expect(unsafeNameReason(name)).toBe(reason);
  });

  it('allows regular files only', () => {
    expect(refusedTypeReason('File')).toBeNull();
    for (const type of ['OldFile', 'Link', 'SymbolicLink', 'Directory', 'FIFO', 'CharacterDevice', 'BlockDevice', 'ContiguousFile']) {
      expect(refusedTypeReason(type)).toMatch(new RegExp(`^type ${type} not allowed`));
    }
  });
});
