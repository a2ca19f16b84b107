import { createRedactor } from './src/redact/index.ts';
import { A } from './src/bundle/artifacts.ts';
const jsonlLine = (i: number): string =>
  JSON.stringify({ type: 'message', id: (0x10000000 + i).toString(16), parentId: (0x0fffffff + i).toString(16), timestamp: '2026-11-27T11:00:00.000Z',
    message: { role: i % 2 ? 'assistant' : 'user', content: [{ type: 'text', text: `---\nChannel: telegram\n---\nplease run joelclaw status ${i % 400 === 0 ? 'ghp_' + 'Gh4'.repeat(12) : 'and report'} with details about the gateway queue` }], model: 'gpt-5.6-sol', usage: { input: 900, output: 40, cacheRead: 41000, totalTokens: 41940 }, stopReason: 'stop' } });
const parts: string[] = []; let size = 0; for (let i = 0; size < 16e6; i++) { const s = jsonlLine(i); parts.push(s); size += s.length + 1; }
const text = parts.join('\n');
const r = createRedactor();
for (let k = 0; k < 2; k++) { const c0 = process.cpuUsage(); await r.redactArtifact({ ...A.sessionTranscript, text }); console.log('cpu', ((process.cpuUsage(c0).user) / 1000).toFixed(0)); }
