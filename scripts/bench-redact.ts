// Redaction throughput on 25 MB of gateway-shaped text: a bun err log and a pi session transcript, each with
// a few planted secrets. Prints ms and MB/s for our rules alone, secretlint alone, and the full redactor.
// Run: npx tsx scripts/bench-redact.ts [MB]   (figures go to docs/benchmarks.md, "Redaction").
import { A } from '../src/bundle/artifacts.js';
import { createRedactor } from '../src/redact/index.js';
import { createRuleRedactor } from '../src/redact/redactor.js';
import { secretlintRanges } from '../src/redact/secretlint.js';

const MB = Number(process.argv[2] ?? 25);
const target = MB * 1_000_000;

const errRecord = (i: number): string =>
  [
    'command-queue: prompt failed {',
    '  source: "telegram:123456",',
    `  consecutiveFailures: ${i % 5},`,
    '  error: 12 | const res = await fetch(url, { headers })',
    'error: Authentication failed for "anthropic". Credentials may have expired',
    `      at prompt (/Users/joel/.bun/install/agent-session.js:${i}:17)`,
    ',',
    '}',
    `[gateway:redis] command error { error: "connect ECONNREFUSED 127.0.0.1:6379 streamId 1764244800000-${i}" }`,
    i % 500 === 0 ? `getUpdates https://api.telegram.org/bot7123456789:AAHdummyFAKE_tok-1234567890abcdefgh/getUpdates` : '[heartbeat] local health degraded',
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

async function time(label: string, bytes: number, run: () => Promise<unknown>): Promise<void> {
  const t0 = performance.now();
  await run();
  const ms = performance.now() - t0;
  console.log(`${label.padEnd(44)} ${ms.toFixed(0).padStart(6)} ms  ${(bytes / 1e6 / (ms / 1000)).toFixed(1).padStart(6)} MB/s`);
}

const log = build(errRecord);
const jsonl = build(jsonlLine);
console.log(`node ${process.version}, ${MB} MB per input`);
const ours = createRuleRedactor({ secretlint: false });
const full = createRedactor();
await time('err log: own rules only', log.length, () => ours.redactArtifact({ ...A.gatewayErrLog, text: log }));
await time('err log: secretlint preset only', log.length, () => secretlintRanges(log));
await time('err log: full redactor', log.length, () => full.redactArtifact({ ...A.gatewayErrLog, text: log }));
await time('session JSONL: own rules only', jsonl.length, () => ours.redactArtifact({ ...A.sessionTranscript, text: jsonl }));
await time('session JSONL: full redactor', jsonl.length, () => full.redactArtifact({ ...A.sessionTranscript, text: jsonl }));
