// The preamble the gateway puts before every human prompt, ported from joelclaw
// packages/gateway/src/formatting/index.ts (injectChannelContext, resolvePlatform, formatDate) and the four
// per-platform files beside it. There is no package to run it from, so this is a hand port: it is the one
// part of the transcript pi does not write. Slack and internal sources get no preamble at all: the real
// resolvePlatform has no Slack case (formatting/index.ts:43-49).

type Platform = 'discord' | 'telegram' | 'imessage' | 'cli';

// formatting/{telegram,discord,imessage,cli}.ts: the guides are joined with a literal backslash-n, so each
// stays on one line of the preamble.
const CONTEXT: Record<Platform, { capabilities: string; guide: string[] }> = {
  telegram: {
    capabilities: 'HTML formatting, inline keyboards, slash commands, reply markup',
    guide: [
      '- Use Telegram HTML tags: <b>, <i>, <code>, <pre>.',
      '- Keep messages concise for mobile reading.',
      '- Use inline keyboards for binary/multi-choice actions.',
      '- Split very long content into multiple messages.',
    ],
  },
  discord: {
    capabilities: 'embeds, components v2 containers, buttons, threads, reactions, code blocks, file attachments',
    guide: [
      '- Use Components V2 containers for structured responses.',
      '- Prefer sections + separators to keep dense information readable.',
      '- Use buttons only for real actions.',
      '- Use fenced code blocks for technical output.',
      '- Avoid markdown tables; use sections or code blocks.',
      '- Keep long output chunked and thread-aware.',
    ],
  },
  imessage: {
    capabilities: 'plain text messages with line breaks',
    guide: ['- Plain text only (no markdown or HTML).', '- Keep responses short and scannable.', '- Use simple line breaks for structure.', '- Do not rely on interactive UI controls.'],
  },
  cli: {
    capabilities: 'markdown, code blocks, long-form output in terminal',
    guide: ['- Markdown is fully supported.', '- Use language-tagged code fences when relevant.', '- Keep command output faithful and include critical errors.', '- No interactive UI beyond textual prompts.'],
  },
};

function resolvePlatform(source: string): Platform | undefined {
  if (source.startsWith('discord:')) return 'discord';
  if (source.startsWith('telegram:')) return 'telegram';
  if (source.startsWith('imessage:')) return 'imessage';
  if (source === 'cli' || source === 'tui' || source.startsWith('cli:')) return 'cli';
  return undefined;
}

/**
 * formatDate: Intl en-US, America/Los_Angeles, long weekday/month, numeric day/year, h:mm and short zone.
 * Assembled from formatToParts so the literals are the current CLDR's ("at", a narrow no-break space before
 * AM/PM, as Bun prints on macOS) whatever ICU the Node running the tests ships.
 */
function formatDate(at: Date): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    weekday: 'long', year: 'numeric', month: 'long', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZone: 'America/Los_Angeles', timeZoneName: 'short',
  }).formatToParts(at);
  const p = (type: Intl.DateTimeFormatPartTypes) => parts.find((x) => x.type === type)?.value ?? '';
  return `${p('weekday')}, ${p('month')} ${p('day')}, ${p('year')} at ${p('hour')}:${p('minute')}\u202f${p('dayPeriod')} ${p('timeZoneName')}`;
}

/** The `---\nChannel: …\n---\n` block injectChannelContext puts before a prompt from `source`, or ''. */
export function channelPreamble(source: string, at: string, threadName?: string): string {
  const platform = resolvePlatform(source);
  if (!platform) return '';
  const { capabilities, guide } = CONTEXT[platform];
  const label = platform === 'discord' && threadName ? `discord (thread: #${threadName})` : platform;
  return ['---', `Channel: ${label}`, `Date: ${formatDate(new Date(at))}`, `Platform capabilities: ${capabilities}`, 'Formatting guide:', guide.join('\\n'), '---', ''].join('\n');
}
