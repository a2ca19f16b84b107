import { execFileSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// `prepare`: builds dist/ from empty wherever npm asks for it: npm ci / npm install in a clone, npm pack, and
// `npm install -g .` from a fresh clone. In that last case npm links (or packs) the folder without installing its
// dependencies, so the compiler is not there yet: then the lockfile's dependencies are installed first, with
// scripts off (so this does not run again) and without the outer npm's -g/--prefix/--omit settings. Plain JS:
// nothing but node is sure to exist when it runs.

const REPO = join(dirname(fileURLToPath(import.meta.url)), '..');
const TSC = join(REPO, 'node_modules', 'typescript', 'bin', 'tsc');

if (!existsSync(TSC)) {
  const npm = process.env.npm_execpath ? [process.execPath, process.env.npm_execpath] : ['npm'];
  const outer = /^npm_config_(global|location|prefix|omit|include|production|install_links)$/i;
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !outer.test(key)));
  process.stderr.write('gwbundle prepare: installing the build dependencies from package-lock.json\n');
  execFileSync(npm[0], [...npm.slice(1), 'ci', '--include=dev', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: REPO, env, stdio: 'inherit' });
}
// why: from empty, so a module renamed since the last build is not packed as a stale leftover
rmSync(join(REPO, 'dist'), { recursive: true, force: true });
execFileSync(process.execPath, [TSC, '-p', join(REPO, 'tsconfig.json')], { cwd: REPO, stdio: 'inherit' });
