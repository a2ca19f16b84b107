// The one program behind every fake command of a simulated host (launchctl, colima, kubectl, ps, joelclaw,
// pi, curl). Usage: node fake-cmd.mjs <ctlDir> <name> [args...]. It answers from <ctlDir>/answers.json by
// the joined argv (exact, then the most literal `*` glob, then `*`), logs the call to <ctlDir>/calls.jsonl
// (so tests can prove collection only read), and for `hang` never exits and leaves a grandchild sleeper
// holding stdout open, whose pid goes to <ctlDir>/pids/ (so tests can prove the process group was killed).
import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [ctlDir, name, ...args] = process.argv.slice(2);
const joined = args.join(' ');

const globToRegExp = (pattern) =>
  new RegExp(`^${pattern.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`, 's');

const pick = (answers) => {
  if (Object.hasOwn(answers, joined)) return answers[joined];
  const globs = Object.keys(answers)
    .filter((p) => p !== '*' && p.includes('*') && globToRegExp(p).test(joined))
    .sort((a, b) => b.replaceAll('*', '').length - a.replaceAll('*', '').length);
  if (globs.length > 0) return answers[globs[0]];
  return answers['*'];
};

const writeAll = (stream, text) => new Promise((resolve) => (text ? stream.write(text, resolve) : resolve()));

const main = async () => {
  appendFileSync(join(ctlDir, 'calls.jsonl'), `${JSON.stringify({ name, args, pid: process.pid })}\n`);
  const all = JSON.parse(readFileSync(join(ctlDir, 'answers.json'), 'utf8'));
  const answer = pick(all[name] ?? {});
  if (!answer) {
    await writeAll(process.stderr, `fake ${name}: no answer for "${joined}"\n`);
    process.exit(64);
  }
  if (answer.delayMs) await new Promise((r) => setTimeout(r, answer.delayMs));
  await writeAll(process.stdout, answer.stdout ?? '');
  await writeAll(process.stderr, answer.stderr ?? '');
  if (answer.hang) {
    const sleeper = existsSync('/bin/sleep') ? '/bin/sleep' : 'sleep';
    const child = spawn(sleeper, ['3600'], { stdio: ['ignore', 'inherit', 'inherit'] });
    writeFileSync(join(ctlDir, 'pids', `${name}-${process.pid}`), `${process.pid}\n${child.pid}\n`);
    setInterval(() => {}, 1 << 30);
    return;
  }
  process.exit(answer.exitCode ?? 0);
};

main().catch((e) => {
  process.stderr.write(`fake ${name}: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(70);
});
