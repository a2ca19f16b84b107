import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { A, OTEL_QUERIES, otelSearchId } from '../../../src/bundle/artifacts.js';
import { commandsCollector, createCommandsCollector } from '../../../src/collect/commands/index.js';
import { runCollectors } from '../../../src/collect/run.js';
import type { CollectOptions, StagedArtifact } from '../../../src/collect/types.js';
import { fakeBin, fakeCalls, printText } from '../helpers/fake-bin.js';
import { testOptions } from '../helpers/options.js';

// Shapes from facts §7 (launchctl, colima), §5 (otel search), §2.5 (gateway test / events).
const DISABLED = 'disabled services = {\n\t"com.joel.gateway" => disabled\n\t"com.apple.foo" => enabled\n}\n';
const PRINT = 'system/com.joel.gateway = {\n\tpath = /Library/LaunchDaemons/com.joel.gateway.plist\n\tstate = running\n\tpid = 4242\n\tlast exit code = (never exited)\n}\n';
const PS = '  PID  PPID STARTED                          ELAPSED COMMAND\n 4242     1 Fri Nov 27 09:00:00 2026        03:00:00 bun run /Users/joel/Code/joelhooks/joelclaw/packages/gateway/src/daemon.ts\n';

let bin: string;
beforeEach(async () => {
  bin = await mkdtemp(join(tmpdir(), 'gwb-bin-'));
});
afterEach(async () => {
  await rm(bin, { recursive: true, force: true, maxRetries: 5 });
});

const collect = async (over: Partial<CollectOptions> = {}, collector = commandsCollector): Promise<Map<string, StagedArtifact>> => {
  const out = await runCollectors([collector], testOptions({ env: { PATH: bin }, ...over }), { progress() {} });
  return new Map(out.map((a) => [a.id, a]));
};

const standardBin = () =>
  fakeBin(bin, {
    launchctl: `case "$1 $2" in\n"print-disabled "*) ${printText(DISABLED)};;\n"print system/com.joel.gateway") ${printText(PRINT)};;\n*) echo "Could not find service" >&2; exit 113;;\nesac`,
    ps: printText(PS),
    colima: 'echo "time=\\"2026-11-27T12:00:00Z\\" level=fatal msg=\\"colima is not running\\"" >&2; exit 1',
    pi: 'echo 0.70.1',
    joelclaw: `printf '{"ok":true,"command":"joelclaw %s","result":{"query":"%s","found":0,"events":[]},"next_actions":[]}\\n' "$*" "$3"`,
  });

describe('commandsCollector', () => {
  it('captures launchctl, ps and pi output exactly as printed', async () => {
    await standardBin();
    const got = await collect();
    expect(got.get(A.launchctlDisabledSystem.id)).toMatchObject({ status: 'ok', content: DISABLED, exitCode: 0 });
    expect(got.get(A.launchctlDisabledGui.id)?.source.argv).toEqual(['launchctl', 'print-disabled', 'gui/501']);
    expect(got.get(A.launchctlPrintSystem.id)?.content).toBe(PRINT);
    expect(got.get(A.ps.id)?.content).toBe(PS);
    expect(got.get(A.piVersion.id)?.content).toBe('0.70.1\n');
  });

  it('keeps a failing command as evidence: launchctl print of an unknown service and colima not running', async () => {
    await standardBin();
    const got = await collect();
    expect(got.get(A.launchctlPrintGui.id)).toMatchObject({ status: 'error', reason: 'exit code 113', content: '' });
    expect(got.get(A.launchctlPrintGui.id)?.stderr).toContain('Could not find service');
    expect(got.get(A.colimaStatus.id)).toMatchObject({ status: 'error', exitCode: 1 });
    expect(got.get(A.colimaStatus.id)?.stderr).toContain('colima is not running');
  });

  it('runs one otel search per query with --hours at least the procedure minimum', async () => {
    await standardBin();
    const got = await collect({ hours: 3 });
    for (const { query, minHours } of OTEL_QUERIES) {
      const a = got.get(otelSearchId(query));
      expect(a?.source.argv).toEqual(['joelclaw', 'otel', 'search', query, '--hours', String(Math.max(3, minHours))]);
      expect(JSON.parse(a?.content ?? '{}').result.query).toBe(query);
    }
  });

  it('records every command as missing on a machine without them', async () => {
    const got = await collect();
    expect(got.get(A.ps.id)).toMatchObject({ status: 'missing', reason: 'command not found: ps' });
    expect(got.get(A.launchctlPrintSystem.id)?.reason).toBe('command not found: launchctl');
    expect(got.get(otelSearchId('gateway'))?.reason).toBe('command not found: joelclaw');
  });

  it('skips the e2e test and the model probe unless asked, and never runs gateway status', async () => {
    await standardBin();
    const got = await collect();
    expect(got.get(A.e2eTest.id)).toMatchObject({ status: 'skipped', reason: 'not requested (--e2e)' });
    expect(got.get(A.e2eEvents.id)?.status).toBe('skipped');
    expect(got.get(A.modelApiProbe.id)).toMatchObject({ status: 'skipped', reason: 'not requested (--probe-model-api)' });
    // Nothing ran, so nothing of it is recorded that redaction would count (the probe's argv has an API key header).
    expect(got.get(A.modelApiProbe.id)?.source).toEqual({});
    const calls = await fakeCalls(bin);
    expect(calls.some((c) => c.startsWith('joelclaw gateway'))).toBe(false);
    expect(calls.filter((c) => c.startsWith('joelclaw otel search'))).toHaveLength(OTEL_QUERIES.length);
  });

  it('with --e2e runs gateway test, waits, then reads gateway events', async () => {
    await fakeBin(bin, {
      joelclaw: `case "$2" in\ntest) echo '{"ok":true,"result":{"pushed":{"id":"e1","type":"test.gateway-e2e"}}}';;\nevents) echo '{"ok":true,"result":{"totalCount":0,"sessions":[]}}';;\n*) echo '{}';;\nesac`,
    });
    const got = await collect({ e2e: true }, createCommandsCollector({ e2eWaitMs: 250 }));
    expect(got.get(A.e2eTest.id)?.content).toContain('test.gateway-e2e');
    expect(got.get(A.e2eEvents.id)?.content).toContain('totalCount');
    const gw = (await fakeCalls(bin)).filter((c) => c.startsWith('joelclaw gateway'));
    expect(gw).toEqual(['joelclaw gateway test', 'joelclaw gateway events']);
  });

  it('with --probe-model-api calls curl against the Anthropic messages endpoint', async () => {
    await fakeBin(bin, { curl: `echo '{"type":"error","error":{"type":"authentication_error"}}'` });
    const got = await collect({ probeModelApi: true });
    expect(got.get(A.modelApiProbe.id)?.content).toContain('authentication_error');
    expect((await fakeCalls(bin))[0]).toMatch(/^curl -s -m 10 https:\/\/api\.anthropic\.com\/v1\/messages /);
  });

  it('times out one hung command without holding up the others', async () => {
    await standardBin();
    await fakeBin(bin, { colima: 'echo partial; /bin/sleep 30 & /bin/sleep 30' });
    // why: 3 s, room for the other fake commands to answer on a loaded machine
    const got = await collect({ timeoutMs: 3000 });
    expect(got.get(A.colimaStatus.id)).toMatchObject({ status: 'timeout', content: 'partial\n' });
    expect(got.get(A.ps.id)?.status).toBe('ok');
  });
});
