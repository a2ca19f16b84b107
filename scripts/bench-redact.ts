// Redaction throughput on gateway-shaped text (64 MiB by default): a bun gateway.err / gateway.log mix
// (multi-line `command-queue: prompt failed {...}` records, channel lines, Redis errors with stream ids,
// UUIDs, sha256, provider request ids, a Telegram bot URL every 500 records) and a pi session transcript
// (JSONL `message` entries, a `ghp_` token every 400 lines). Prints ms and MB/s for the keyword scan alone and
// the full redactor (our catalog + gitleaks' rules). Figures go to docs/benchmarks.md, "Redaction".
// Run: npx tsx scripts/bench-redact.ts [MiB]   (under the machine-wide lock when others work on this machine)
import { loadavg } from 'node:os';
import { A } from '../src/bundle/artifacts.js';
import { createRedactor } from '../src/redact/index.js';
import { textPlan } from '../src/redact/plan.js';

const MIB = Number(process.argv[2] ?? 64);
const target = MIB * 1024 * 1024;

const errRecord = (i: number): string =>
  [
    `2026-11-27T11:${String(i % 60).padStart(2, '0')}:00.000Z command-queue: prompt failed {`,
    '  source: "telegram:123456",',
    `  sessionKey: "telegram:123456", batchKey: "telegram:123456:${i % 97}",`,
    `  consecutiveFailures: ${i % 5},`,
    '  error: 12 | const res = await fetch(url, { headers })',
    'error: Authentication failed for "anthropic". Credentials may have expired',
    `      at prompt (/Users/joel/.bun/install/global/node_modules/agent-session.js:${i}:17)`,
    '}',
    `[gateway:redis] command error { error: "connect ECONNREFUSED 127.0.0.1:6379 streamId 1764244800000-${i}" }`,
    `[gateway:slack] message ${(0x10000000 + i).toString(16)}-4b5a-6978-8a9b-0c1d2e3f4a5b from slack:C0123ABCD request_id=req_011CVqAnYb5Gm3cD8xQ7pT2w`,
    `[gateway:discord] dedup sha256 e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855 totalTokens: ${41940 + i}`,
    i % 500 === 0
      ? 'getUpdates https://api.telegram.org/bot7123456789:AAHdummyFAKE_tok-1234567890abcdefgh/getUpdates 409: Conflict'
      : '[heartbeat] local health degraded { components: { session: "stuck (240s)", redis: "ok" } }',
  ].join('\n');

const jsonlLine = (i: number): string =>
  JSON.stringify({
    type: 'message',
    id: (0x10000000 + i).toString(16),
    parentId: (0x0fffffff + i).toString(16),
    timestamp: '2026-11-27T11:00:00.000Z',
    message: {
      role: i % 2 ? 'assistant' : 'user',
      content: [{ type: 'text', text: `---\nChannel: telegram\n---\nplease run joelclaw status ${i % 400 === 0 ? 'ghp_' + 'Gh4'.repeat(12) : 'and report'} with details about the gateway queue` }],
      model: 'gpt-5.6-sol',
      usage: { input: 900, output: 40, cacheRead: 41000, totalTokens: 41940 },
      stopReason: 'stop',
    },
  });

function build(make: (i: number) => string): string {
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < target; i++) {
    const s = make(i);
    parts.push(s);
    size += s.length + 1;
  }
  return `${parts.join('\n')}\n`;
}

/** Best of three runs: wall time, and the process's CPU time (user + system), which other load inflates less. */
async function time(label: string, bytes: number, run: () => unknown): Promise<void> {
  const runs: Array<{ wall: number; cpu: number }> = [];
  for (let k = 0; k < 3; k++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await run();
    const c = process.cpuUsage(c0);
    runs.push({ wall: performance.now() - t0, cpu: (c.user + c.system) / 1000 });
  }
  const wall = Math.min(...runs.map((r) => r.wall));
  const cpu = Math.min(...runs.map((r) => r.cpu));
  const rate = (ms: number) => `${(bytes / 1e6 / (ms / 1000)).toFixed(1).padStart(6)} MB/s`;
  console.log(`| ${label} | ${wall.toFixed(0)} ms, ${rate(wall)} | ${cpu.toFixed(0)} ms, ${rate(cpu)} |`);
}

const log = build(errRecord);
const jsonl = build(jsonlLine);
const plan = textPlan();
console.log(`node ${process.version}, ${MIB} MiB per input, ${plan.rules.length} text rules, ${plan.scanner.keywords.length} keywords, load average ${loadavg()[0]?.toFixed(1)}\n`);
console.log('| input | wall (best of 3) | CPU (best of 3) |\n|---|---|---|');
const full = createRedactor();
await time(`gateway.err, keyword scan alone (${(log.length / 1e6).toFixed(0)} MB)`, log.length, () => plan.scanner.scan(log, () => {}));
await time(`gateway.err, full redactor (${(log.length / 1e6).toFixed(0)} MB)`, log.length, () => full.redactArtifact({ ...A.gatewayErrLog, text: log }));
await time(`session JSONL, full redactor (${(jsonl.length / 1e6).toFixed(0)} MB)`, jsonl.length, () => full.redactArtifact({ ...A.sessionTranscript, text: jsonl }));
