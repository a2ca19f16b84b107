// `npm run render-check [-- --screenshot]`: every fixture report seen as GitHub shows it. Each
// fixtures/reports/*.md goes through GFM (marked) to HTML, styled with GitHub's Markdown CSS, and each ```mermaid
// block through Mermaid's browser bundle, in headless Chromium (Debian's `chromium`, driven by playwright-core;
// nothing downloads a browser). It fails on any Mermaid parse error and on an empty diagram (no task drawn, or
// fewer drawn than the source lists). `--screenshot` saves the top of the s2a report, down to its picture, as
// docs/img/report-s2a-auth-expired.png (the one the README shows).
//
// Chromium: $CHROMIUM, else /usr/bin/chromium (`apt-get install -y chromium`). Ends with "N passed, N failed".

import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { marked } from 'marked';
import { chromium } from 'playwright-core';

const REPO = join(dirname(fileURLToPath(import.meta.url)), '..');
const REPORTS = join(REPO, 'fixtures', 'reports');
const SCREENSHOT_OF = 's2a-auth-expired';
const SCREENSHOT = join(REPO, 'docs', 'img', `report-${SCREENSHOT_OF}.png`);
const require = createRequire(import.meta.url);
const MERMAID_JS = require.resolve('mermaid/dist/mermaid.min.js');
const GITHUB_CSS = require.resolve('github-markdown-css/github-markdown-light.css');
/** The browser side: window.renderDiagrams() and window.pictureBottom(). */
const PAGE_JS = join(REPO, 'scripts', 'render-check-page.js');
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
/** The flags the brief asks for (playwright adds its own automation flags beside them). */
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

interface DiagramResult {
  error?: string;
  tasksInSource: number;
  tasksDrawn: number;
  width: number;
  height: number;
}

/** GitHub renders a ```mermaid fence as a diagram: hand the source to the page as a block to render. */
function pageHtml(markdown: string): string {
  const body = marked.parse(markdown, { gfm: true, async: false }).replace(
    /<pre><code class="language-mermaid">([\s\S]*?)<\/code><\/pre>/g,
    '<pre class="mermaid-source">$1</pre>',
  );
  return `<!doctype html><html><head><meta charset="utf-8"><title>report</title></head>
<body style="margin:0;background:#fff"><article class="markdown-body" style="box-sizing:border-box;max-width:1012px;margin:0 auto;padding:32px">${body}</article></body></html>`;
}

async function main(): Promise<number> {
  const screenshot = process.argv.includes('--screenshot');
  if (!existsSync(CHROMIUM)) {
    console.error(`render-check: no Chromium at ${CHROMIUM} (apt-get install -y chromium, or set CHROMIUM)`);
    return 2;
  }
  const reports = readdirSync(REPORTS).filter((f) => f.endsWith('.md')).sort();
  const profile = mkdtempSync(join(tmpdir(), 'gwbundle-render-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
    viewport: { width: 1012, height: 900 },
    deviceScaleFactor: 1,
    offline: true,
  });
  let passed = 0;
  let failed = 0;
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    for (const file of reports) {
      const name = file.slice(0, -'.md'.length);
      await page.setContent(pageHtml(readFileSync(join(REPORTS, file), 'utf8')), { waitUntil: 'load' });
      await page.addStyleTag({ path: GITHUB_CSS });
      await page.addScriptTag({ path: MERMAID_JS });
      await page.addScriptTag({ path: PAGE_JS });
      const diagrams = (await page.evaluate('window.renderDiagrams()')) as DiagramResult[];
      const problems = diagrams.length === 0 ? ['no mermaid diagram'] : [];
      diagrams.forEach((g, i) => {
        if (g.error) problems.push(`diagram ${i + 1}: Mermaid error: ${g.error}`);
        else if (g.tasksDrawn === 0 || g.width === 0 || g.height === 0) problems.push(`diagram ${i + 1}: empty (${g.tasksDrawn} tasks drawn, ${g.width}x${g.height})`);
        else if (g.tasksDrawn < g.tasksInSource) problems.push(`diagram ${i + 1}: ${g.tasksDrawn} of ${g.tasksInSource} tasks drawn`);
      });
      if (problems.length === 0) {
        passed += 1;
        console.log(`ok   ${name}: ${diagrams.map((g) => `${g.tasksDrawn} tasks drawn`).join(', ')}`);
      } else {
        failed += 1;
        console.log(`FAIL ${name}: ${problems.join('; ')}`);
      }
      if (screenshot && name === SCREENSHOT_OF) {
        // The top of the report down to the bottom of its picture: what a reader sees first on GitHub.
        const bottom = (await page.evaluate('window.pictureBottom()')) as number;
        writeFileSync(SCREENSHOT, await page.screenshot({ clip: { x: 0, y: 0, width: 1012, height: bottom }, fullPage: true }));
        console.log(`screenshot: ${SCREENSHOT.slice(REPO.length + 1)}`);
      }
    }
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
  console.log(`render-check: ${passed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(`render-check: ${(e as Error).message.split('\n')[0]}`);
    process.exit(2);
  },
);
