import { describe, expect, it } from 'vitest';
import sessionBusy from '../../../src/replay/patterns/session-busy.js';
import { recordsOf, testPattern } from '../../helpers/pattern-tester.js';

// The tester refuses calls that could never fail, like eslint's RuleTester refusing an invalid case with no errors.

describe('testPattern', () => {
  it('refuses a call with no match cases', () => {
    expect(() => testPattern(sessionBusy, { matches: [], ignores: ['[gateway] response ready'] })).toThrow(/matches/);
  });

  it('refuses a call with no near-miss cases', () => {
    expect(() => testPattern(sessionBusy, { matches: ['Agent is already processing'], ignores: [] })).toThrow(/ignores/);
  });

  it('refuses a case given twice, even across matches and ignores', () => {
    const twice = 'Agent is already processing';
    expect(() => testPattern(sessionBusy, { matches: [twice], ignores: [twice] })).toThrow(/duplicate/);
  });

  it('groups a snippet into bun records before matching', () => {
    const records = recordsOf(sessionBusy, 'command-queue: prompt failed {\n  consecutiveFailures: 1,\n}\n[gateway] response ready');
    expect(records.map((r) => r.line)).toEqual([1, 4]);
  });
});
