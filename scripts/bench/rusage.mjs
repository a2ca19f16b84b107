// Preloaded into every process the bench measures (`node --import <this> dist/cli.js ...`): on exit, writes the
// process's own peak RSS (process.resourceUsage().maxRSS, KiB on Linux and macOS alike) to $GWBUNDLE_BENCH_RUSAGE.
import { writeFileSync } from 'node:fs';

const out = process.env.GWBUNDLE_BENCH_RUSAGE;
if (out) process.on('exit', () => writeFileSync(out, String(process.resourceUsage().maxRSS)));
