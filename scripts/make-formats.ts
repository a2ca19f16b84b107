import { writeFile } from 'node:fs/promises';
import { bunVersion, CORPUS_PATH, type Corpus, renderWithBun } from '../test/helpers/simulated-host/formats/bun.js';
import { presetConsoleCalls } from '../test/helpers/simulated-host/presets.js';
import { CONTEXT_WINDOWS_PATH, renderContextWindows } from './context-windows.js';

// `npm run formats`: regenerates what the real tools print for the simulated hosts, so the suite reads
// committed outputs instead of starting them on every run (tests re-run the tools and compare):
//   test/helpers/simulated-host/bun/console-corpus.json  every console call the presets make, printed by the
//                                                        pinned Bun (one process for all of them).
//   src/replay/context-windows.generated.ts              pi-ai's context window of every model.

async function writeBunCorpus(): Promise<void> {
  const calls = presetConsoleCalls();
  const texts = renderWithBun(calls);
  const corpus: Corpus = { bun: bunVersion(), records: calls.map((call, i) => ({ call, text: texts[i]! })) };
  await writeFile(CORPUS_PATH, `${JSON.stringify(corpus, null, 1)}\n`);
  console.log(`${CORPUS_PATH}: ${calls.length} console calls printed by bun ${corpus.bun}`);
}

async function writeContextWindows(): Promise<void> {
  await writeFile(CONTEXT_WINDOWS_PATH, await renderContextWindows());
  console.log(`${CONTEXT_WINDOWS_PATH.pathname}: pi-ai's context windows`);
}

await writeContextWindows();
await writeBunCorpus();
