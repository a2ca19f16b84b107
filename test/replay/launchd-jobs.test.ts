import { describe, expect, it } from 'vitest';
import { A, launchdJobId } from '../../src/bundle/artifacts.js';
import { createContext } from '../../src/replay/context.js';
import { describeFailure, launchdJobs } from '../../src/replay/launchd-jobs.js';
import { type ArtifactInput, bundleFrom } from '../helpers/bundle-from.js';
import { launchctlNotFound, launchctlPrint } from '../helpers/simulated-host/formats/launchctl.js';

// The launchd-jobs collector's artifacts read back: a job whose last exit is non-zero after more than one run
// fails over and over; one that exited non-zero once, or that launchd does not know, does not.

const print = (label: string, runs: number, lastExitCode: string | number) =>
  launchctlPrint({ domain: 'gui/501', label, state: 'not running', path: `/Users/joel/Library/LaunchAgents/${label}.plist`, program: '/x', runs, lastExitCode, runIntervalSec: 300, stdoutPath: '/tmp/x.log', stderrPath: '/tmp/x.err' }).stdout;
const job = (label: string, logs = false) => ({
  label,
  domain: 'gui',
  startInterval: 300,
  artifacts: { plist: launchdJobId('gui', label, 'plist'), print: launchdJobId('gui', label, 'print'), ...(logs ? { stderr: launchdJobId('gui', label, 'stderr') } : {}) },
});
const jobsOf = (arts: Record<string, ArtifactInput>) => launchdJobs(createContext(bundleFrom(arts)));

describe('launchd jobs', () => {
  it('calls a job failing when its last exit is non-zero after more than one run, citing launchctl and its log', () => {
    const jobs = jobsOf({
      [A.launchdJobsListing.id]: JSON.stringify({ jobs: [job('com.joel.colima', true), job('com.joel.once'), job('com.joel.fine')] }),
      [launchdJobId('gui', 'com.joel.colima', 'print')]: print('com.joel.colima', 1728, 1),
      [launchdJobId('gui', 'com.joel.colima', 'stderr')]: 'time="x" level=fatal msg="lima not found"\n\n',
      [launchdJobId('gui', 'com.joel.once', 'print')]: print('com.joel.once', 1, '78: EX_CONFIG'),
      [launchdJobId('gui', 'com.joel.fine', 'print')]: print('com.joel.fine', 300, 0),
    });
    expect(jobs?.map((j) => [j.label, j.failing, j.exitStatus])).toEqual([['com.joel.colima', true, 1], ['com.joel.once', false, 78], ['com.joel.fine', false, 0]]);
    const colima = jobs![0]!;
    expect(describeFailure(colima)).toBe('last exit 1 after 1728 runs, every 300 s');
    expect(colima.lastLogLine).toMatchObject({ artifact: launchdJobId('gui', 'com.joel.colima', 'stderr'), line: 1, excerpt: 'time="x" level=fatal msg="lima not found"' });
    expect(colima.evidence.map((e) => e.excerpt)).toEqual(['last exit code = 1', 'runs = 1728']);
  });

  it('says launchd does not know a job whose print failed, and is null without a listing', () => {
    const jobs = jobsOf({
      [A.launchdJobsListing.id]: JSON.stringify({ jobs: [job('com.joel.gone')] }),
      [launchdJobId('gui', 'com.joel.gone', 'print')]: { content: '', status: 'error', exitCode: 113, stderr: launchctlNotFound('gui/501', 'com.joel.gone').stderr! },
    });
    expect(jobs?.[0]).toMatchObject({ registered: false, failing: false, lastExitCode: null });
    expect(jobsOf({})).toBeNull();
  });
});
