#!/usr/bin/env node
import { Command, CommanderError, Option } from 'commander';
import { BundleFormatError, BundleWriteError, UsageError } from './errors.js';
import { EXIT } from './exit-codes.js';
import { useCompactHeap } from './heap-policy.js';
import { DEFAULTS, collectOptionsFrom } from './options.js';
import { TOOL_VERSION } from './version.js';

// A table of commands: each action normalizes its flags, lazily imports its module, calls one function
// that returns data, and writes it. This file alone maps errors to exit codes (contract: "exit codes").

const program = new Command('gwbundle')
  .description(
    'Snapshot a broken joelclaw gateway into one redacted .tar.gz (collect), and replay its layered diagnosis ' +
      'offline from that bundle alone (report).',
  )
  .addHelpText(
    'after',
    '\nExit codes:\n  0  ok (collect: bundle written; report: no layer failed or degraded; verify: intact; diff: nothing got worse)\n' +
      '  1  usage error or internal fault\n' +
      '  2  no bundle could be written (collect) / the bundle is unreadable, unsafe or damaged\n' +
      '  3  report: a layer failed / diff: something got worse (a new failure, a worse status, lost visibility)\n' +
      '  4  report: a layer degraded, none failed\n\n' +
      'Typical use:\n  gwbundle collect                      # on the sick machine; prints the bundle path\n' +
      '  gwbundle report BUNDLE > report.md    # anywhere else; attach both to the issue\n' +
      '  gwbundle diff BEFORE AFTER            # what a fix (or a bad day) changed between two bundles',
  )
  .version(TOOL_VERSION, '-V, --version')
  .showHelpAfterError('(run gwbundle --help for usage)')
  .exitOverride();

program
  .command('collect')
  .description('snapshot every artifact the gateway diagnosis reads into one redacted bundle; prints its path')
  .option('-o, --out <file>', 'where the bundle goes (written atomically, never over an existing file unless --force)')
  .option('--force', 'allow --out to replace an existing file', false)
  .option('--hours <n>', 'window for evidence that carries timestamps', String(DEFAULTS.hours))
  .option('--max-size <size>', 'hard cap on the bundle size (25MB, 900KB, 20MiB, bytes)', DEFAULTS.maxSize)
  .option('--timeout <seconds>', 'per-source limit; a source past it is killed and recorded as timed out', String(DEFAULTS.timeoutSec))
  .option('--root <dir>', 'read the machine as if <dir> were /', '/')
  .option('--home <dir>', "the gateway owner's home, a path on the machine (default: your home)")
  .option('--redis-url <url>', 'the gateway Redis (default redis://localhost:6379, or REDIS_HOST/REDIS_PORT)')
  .option('--kubeconfig <file>', 'the cluster to read (default: the usual kubeconfig lookup)')
  .option('--namespace <ns>', "the gateway's namespace", DEFAULTS.namespace)
  .option('--no-redact', 'turn redaction OFF (secrets will be in the bundle; the manifest says so)')
  .option('--e2e', 'also run the end-to-end delivery test (pushes a test event: a side effect)', false)
  .option('--probe-model-api', 'also call the model API to check reachability (outbound network)', false)
  .addHelpText(
    'after',
    '\nExamples:\n  gwbundle collect\n  gwbundle collect --hours 4 --max-size 10MB -o incident.tar.gz\n' +
      '  SOURCE_DATE_EPOCH=1795780800 gwbundle collect   # reproducible: same machine, same bytes',
  )
  .action(async (flags) => {
    // Every flag and the destination are checked before the collectors (Redis, Kubernetes and redaction
    // modules) load, so a mistake is reported at once.
    const options = collectOptionsFrom(flags, process.env);
    const { checkCollectDestination } = await import('./collect/out-path.js');
    await checkCollectDestination(flags.out ?? null, options.now, flags.force === true);
    const { runCollect } = await import('./collect/index.js');
    const { createProgress } = await import('./collect/progress.js');
    const { collectSummary } = await import('./collect/summary.js');
    if (!options.redact) {
      process.stderr.write('gwbundle: WARNING: --no-redact: tokens, keys and messages will be in the bundle unredacted. Do not attach it to a public issue.\n');
    }
    const progress = createProgress(process.stderr, process.env);
    try {
      const { path, manifest, size } = await runCollect(options, { outPath: flags.out ?? null, force: flags.force === true, progress: progress.update });
      progress.done(collectSummary(manifest, size));
      process.stdout.write(`${path}\n`);
    } catch (e) {
      progress.done();
      throw e;
    }
  });

program
  .command('report')
  .description('replay the layered diagnosis offline from a bundle and write the incident report')
  .argument('<bundle>', 'a gwbundle .tar.gz')
  .addOption(new Option('--format <format>', 'report format').choices(['markdown', 'json', 'diagnose']).default('markdown'))
  .option('--out <file>', 'write the report to a file instead of stdout (never over an existing file unless --force)')
  .option('--force', 'allow --out to replace an existing file', false)
  .addHelpText('after', '\nExit codes: 0 no layer failed or degraded, 2 unreadable bundle, 3 a layer failed, 4 a layer degraded.')
  .hook('preAction', useCompactHeap)
  .action(async (bundle: string, flags: { format: 'markdown' | 'json' | 'diagnose'; out?: string; force: boolean }) => {
    const { openBundle } = await import('./bundle/reader.js');
    const { replay } = await import('./replay/index.js');
    const { renderReport } = await import('./report/index.js');
    const { writeTextOutput } = await import('./report/output.js');
    const diagnosis = replay(await openBundle(bundle));
    const text = renderReport(diagnosis, flags.format);
    if (flags.out) await writeTextOutput(flags.out, text, { force: flags.force });
    else process.stdout.write(text);
    const status = diagnosis.verdict.status;
    process.exitCode = status === 'failed' ? EXIT.failed : status === 'degraded' ? EXIT.degraded : EXIT.ok;
  });

program
  .command('verify')
  .description("check a bundle's integrity: format, safety, manifest and every artifact's sha256")
  .argument('<bundle>', 'a gwbundle .tar.gz')
  .action(async (bundle: string) => {
    const { verifyBundle } = await import('./bundle/verify.js');
    const result = await verifyBundle(bundle);
    for (const p of result.problems) process.stdout.write(`${p}\n`);
    process.stdout.write(result.ok ? `intact: ${bundle}\n` : `damaged: ${bundle} (${result.problems.length} problem(s))\n`);
    process.exitCode = result.ok ? EXIT.ok : EXIT.bundle;
  });

program
  .command('inspect')
  .description('list the artifacts of a bundle with kind, status, size, truncation and redaction counts')
  .argument('<bundle>', 'a gwbundle .tar.gz')
  .option('--json', 'print the manifest as JSON', false)
  .action(async (bundle: string, flags: { json: boolean }) => {
    const { openBundle } = await import('./bundle/reader.js');
    const { renderInspectTable } = await import('./bundle/inspect.js');
    const view = await openBundle(bundle, {}, { bodies: false });
    process.stdout.write(flags.json ? `${JSON.stringify(view.manifest, null, 2)}\n` : renderInspectTable(view.manifest));
  });

program
  .command('show')
  .description('print one artifact as captured, or the record at a line the report cites, with numbered context')
  .argument('<bundle>', 'a gwbundle .tar.gz')
  .argument('<artifact>', 'an artifact id (see gwbundle inspect), optionally with :LINE or :FROM-TO, e.g. files/gateway.err:10')
  .option('--meta', "print the artifact's manifest entry (status, exit code, stderr, source) instead", false)
  .option('-C, --context <lines>', 'context lines around a cited line or range', '3')
  .addHelpText('after', '\nExit codes: 0 printed, 1 nothing to print (no such artifact, no content, a line past the end), 2 unreadable bundle.')
  .action(async (bundle: string, artifact: string, flags: { meta: boolean; context: string }) => {
    const context = Number(flags.context);
    if (!/^\d+$/.test(flags.context) || context > 10_000) throw new UsageError(`--context expects a number of lines (0-10000), got "${flags.context}"`);
    const { openBundle } = await import('./bundle/reader.js');
    const { parseShowTarget, showArtifact } = await import('./report/show.js');
    const view = await openBundle(bundle);
    const target = parseShowTarget(view, artifact, bundle);
    if (flags.meta) {
      process.stdout.write(`${JSON.stringify(view.entry(target.artifact), null, 2)}\n`);
      return;
    }
    const shown = showArtifact(view, target, context);
    process.stdout.write(shown.stdout);
    if (shown.stderr !== '') process.stderr.write(shown.stderr);
  });

program
  .command('diff')
  .description('what changed between two bundles, in layers, scenarios, figures and machine facts (offline)')
  .argument('<old>', 'the earlier gwbundle .tar.gz (e.g. before the fix)')
  .argument('<new>', 'the later gwbundle .tar.gz (e.g. after the fix)')
  .addOption(new Option('--format <format>', 'diff format').choices(['markdown', 'json']).default('markdown'))
  .option('--out <file>', 'write the diff to a file instead of stdout (never over an existing file)')
  .option('--force', 'allow --out to replace an existing file', false)
  .addHelpText(
    'after',
    '\nExamples:\n  gwbundle diff before.tar.gz after.tar.gz               # did the fix work? Markdown for the issue\n' +
      '  gwbundle diff monday.tar.gz tuesday.tar.gz --format json --out diff.json\n\n' +
      'Exit codes: 0 nothing got worse, 2 a bundle is unreadable, unsafe or not a gwbundle bundle,\n' +
      '3 something got worse (a new failure, a worse status, or lost visibility: a layer or figure was known, now unknown).',
  )
  .hook('preAction', useCompactHeap)
  .action(async (oldBundle: string, newBundle: string, flags: { format: 'markdown' | 'json'; out?: string; force: boolean }) => {
    const { openBundle } = await import('./bundle/reader.js');
    const { replay } = await import('./replay/index.js');
    const { diffDiagnoses, renderDiff } = await import('./diff/index.js');
    const { writeTextOutput } = await import('./report/output.js');
    // One bundle at a time: the first view can be dropped before the second is read.
    const diagnose = async (which: 'OLD' | 'NEW', file: string) => {
      try {
        return replay(await openBundle(file));
      } catch (e) {
        if (e instanceof BundleFormatError) throw new BundleFormatError(`${which}${e.message.includes(file) ? ':' : ` ${file}:`} ${e.message}`);
        throw e;
      }
    };
    const result = diffDiagnoses(await diagnose('OLD', oldBundle), await diagnose('NEW', newBundle));
    const text = renderDiff(result, flags.format);
    if (flags.out) await writeTextOutput(flags.out, text, { force: flags.force });
    else process.stdout.write(text);
    process.exitCode = result.outcome === 'worse' ? EXIT.worse : EXIT.ok;
  });

/** One line on stderr, the contract's exit code, never a stack trace (unless GWBUNDLE_DEBUG is set). */
function fail(e: unknown): never {
  if (e instanceof CommanderError) process.exit(e.exitCode === 0 ? EXIT.ok : EXIT.usage);
  const message = e instanceof Error ? e.message.split('\n')[0] : String(e);
  const code =
    e instanceof UsageError ? EXIT.usage : e instanceof BundleFormatError || e instanceof BundleWriteError ? EXIT.bundle : EXIT.internal;
  const prefix = code === EXIT.internal && !(e instanceof UsageError) ? 'internal error: ' : '';
  process.stderr.write(`gwbundle: ${prefix}${message}\n`);
  if (process.env.GWBUNDLE_DEBUG && e instanceof Error) process.stderr.write(`${e.stack}\n`);
  process.exit(code);
}

program.parseAsync(process.argv).catch(fail);
