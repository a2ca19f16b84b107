import { mkdir, utimes, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/** Write machine paths under a temp root (`/tmp/joelclaw/x` -> `<root>/tmp/joelclaw/x`), with optional mtimes. */
export async function plantFiles(root: string, files: Record<string, string | { content: string; mtime: string }>): Promise<void> {
  for (const [machinePath, f] of Object.entries(files)) {
    const p = join(root, machinePath);
    await mkdir(dirname(p), { recursive: true });
    const { content, mtime } = typeof f === 'string' ? { content: f, mtime: undefined } : f;
    await writeFile(p, content);
    if (mtime) await utimes(p, new Date(mtime), new Date(mtime));
  }
}

/** A launchd plist as launchd writes it (facts §1.7). */
export function launchdPlist(label: string, programArgs: string[], workingDirectory?: string): string {
  const args = programArgs.map((a) => `\t\t<string>${a}</string>`).join('\n');
  const wd = workingDirectory ? `\t<key>WorkingDirectory</key>\n\t<string>${workingDirectory}</string>\n` : '';
  return `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
\t<key>Label</key>
\t<string>${label}</string>
\t<key>ProgramArguments</key>
\t<array>
${args}
\t</array>
${wd}\t<key>KeepAlive</key>
\t<true/>
\t<key>StandardOutPath</key>
\t<string>/tmp/joelclaw/gateway.log</string>
</dict>
</plist>
`;
}
