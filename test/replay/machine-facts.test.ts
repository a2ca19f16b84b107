import { describe, expect, it } from 'vitest';
import { A } from '../../src/bundle/artifacts.js';
import { replay } from '../../src/replay/index.js';
import { bundleOfDraft, bundleOfPreset, draftOf } from './scenarios/host-bundle.js';

// Diagnosis.machine: the plain facts `gwbundle diff` compares, read by the layers' own parsers.

describe('machine facts', () => {
  it('reads versions, model, launchd counters, the restart marker and the plist of the healthy machine', () => {
    const m = replay(bundleOfPreset('healthy')).machine;
    expect(m.pi).toEqual({ machine: '0.70.2', pinned: '0.70.2' });
    expect(m.model).toEqual({ configured: 'gpt-5.6-sol', live: 'openai-codex/gpt-5.6-sol', fallback: 'openai-codex/gpt-5.4', fallbackActive: false });
    expect(m.launchd).toEqual({ state: 'running', runs: 2, lastExitCode: '(never exited)' });
    expect(m.daemon).toEqual({ pid: '4242', alive: true, uptimeSec: 61 * 60 });
    expect(m.heartbeatAgeSec).toBe(300);
    expect(m.restarts.lifecycle).toMatchObject({ status: 'completed', reason: 'SIGTERM', previousPid: 3999, newPid: 4242 });
    expect(m.restarts.operator).toBeNull();
    expect(m.plist?.program).toEqual(['/Users/joel/Code/joelhooks/joelclaw/infra/gateway-daemon.sh']);
    expect(m.plist?.environmentNames).toContain('TELEGRAM_BOT_TOKEN');
  });

  it('keeps only the names of the plist environment, never a value', () => {
    const m = replay(bundleOfPreset('healthy')).machine;
    for (const name of m.plist?.environmentNames ?? []) expect(name).toMatch(/^[A-Z][A-Z0-9_]*$/);
  });

  it('sees the skew between the machine pi and the pinned one', () => {
    expect(replay(bundleOfPreset('s2b-pi-skew')).machine.pi).toEqual({ machine: '0.74.1', pinned: '0.70.2' });
  });

  it('does not guess the configured model or fallback when Redis could not be read', () => {
    const m = replay(bundleOfPreset('s4-redis-degraded')).machine;
    expect(m.model.configured).toBeNull();
    expect(m.model.fallback).toBeNull();
  });

  it('leaves the heartbeat age and the launchd counters unknown when their evidence is missing', () => {
    const d = draftOf('healthy');
    d.heartbeat = null;
    d.launchd.printGui = { stdout: '', stderr: 'Could not find service "com.joel.gateway" in domain for user gui: 501\n', exitCode: 113 };
    const m = replay(bundleOfDraft(d)).machine;
    expect(m.heartbeatAgeSec).toBeNull();
    expect(m.launchd).toBeNull();
  });
});

describe('collection notes', () => {
  it('say why each artifact without evidence has none', () => {
    const d = draftOf('healthy');
    d.heartbeat = null;
    const absent = replay(bundleOfDraft(d)).collection.absent;
    expect(absent[A.heartbeatFile.id]).toMatch(/^files\/last-heartbeat\.ts was not collected \(missing/);
    expect(absent[A.gatewayErrLog.id]).toBeUndefined();
  });
});
