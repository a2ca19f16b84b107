import { secretLintProfiler } from '@secretlint/profiler';

// @secretlint/core 12 marks every rule run on a global profiler whose observer keeps every mark and scans them
// all on each new one (upstream secretlint/secretlint#1633, fixed in 13 by setEnabled, which needs Node 22), so a
// process that redacts bundle after bundle slows down quadratically: `npm run fixtures` took 20 minutes, and
// a test file that collects a dozen hosts crawls. Nobody reads those marks; tests and scripts turn them off.
secretLintProfiler.mark = () => undefined;
