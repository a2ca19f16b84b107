import { describe, expect, it } from 'vitest';
import { defaultOutPath } from '../../src/collect/out-path.js';

describe('defaultOutPath', () => {
  it('names the bundle after the host and the UTC capture time', () => {
    expect(defaultOutPath('panda.local', new Date('2026-11-27T12:03:04.567Z'), '/work')).toBe('/work/gwbundle-panda.local-20261127T120304Z.tar.gz');
  });

  it('keeps only file-name-safe characters of a strange hostname', () => {
    expect(defaultOutPath('../we ird/host', new Date(0), '/w')).toBe('/w/gwbundle-we-ird-host-19700101T000000Z.tar.gz');
  });
});
