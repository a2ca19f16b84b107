import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type SimulatedHost, createSimulatedHost } from '../helpers/simulated-host/index.js';
import { PLANTED_SECRETS, PRESETS } from '../helpers/simulated-host/presets.js';
import { collectTo, diagnose, diagnosisShape, tarBytes } from './helpers/collect-host.js';

// The redaction corpus through the packed bundle: the simulated hosts plant fake credentials in files, the
// plist, the start script, Redis payloads, /health and a Telegram URL. A redacted bundle holds none of them
// anywhere in its tar bytes (manifest included); the same host collected with --no-redact holds them (so the
// canaries really were collected); and redaction never changes the diagnosis.

const DB = 24;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gwbundle-e2e-redact-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true, maxRetries: 5 });
});

describe.each([['healthy'], ['s2a-auth-expired'], ['s4c-telegram-conflict']])('redaction of %s', (preset) => {
  let host: SimulatedHost;
  let redacted: string;
  let plain: string;

  beforeAll(async () => {
    host = await createSimulatedHost(PRESETS[preset]!(), { redisPort: inject('redisPort'), redisDb: DB });
    redacted = await collectTo(host, dir, `${preset}-redacted`);
    plain = await collectTo(host, dir, `${preset}-plain`, { redact: false });
  });
  afterAll(async () => {
    await host?.stop();
  });

  it('leaves no planted secret anywhere in the packed bundle', async () => {
    const bytes = await tarBytes(redacted);
    expect(PLANTED_SECRETS.filter((s) => bytes.includes(s))).toEqual([]);
  });

  it('keeps the planted secrets under --no-redact, so the canaries were really collected', async () => {
    const bytes = await tarBytes(plain);
    const absent = PLANTED_SECRETS.filter((s) => !bytes.includes(s));
    // healthy plants every canary; the failure presets change other parts and keep most of them
    if (preset === 'healthy') expect(absent).toEqual([]);
    else expect(absent.length).toBeLessThan(PLANTED_SECRETS.length);
  });

  it('gives the same verdict, layer statuses and scenarios redacted or not', async () => {
    expect(diagnosisShape(await diagnose(redacted))).toEqual(diagnosisShape(await diagnose(plain)));
  });
});
