import { type Token, type Tokens, marked } from 'marked';

// Structural checks of rendered Markdown, the way GitHub would parse it (marked's GFM lexer).

/** Cells in a table source line: pipes preceded by an even number of backslashes split cells. */
export function cellCount(line: string): number {
  let cells = 0;
  let backslashes = 0;
  for (const ch of line.trim()) {
    if (ch === '|' && backslashes % 2 === 0) cells += 1;
    backslashes = ch === '\\' ? backslashes + 1 : 0;
  }
  return cells - 1; // leading and trailing pipes bound n cells with n+1 pipes
}

/** Every token, depth first. */
export function allTokens(tokens: Token[]): Token[] {
  const out: Token[] = [];
  const walk = (ts: Token[]) => {
    for (const t of ts) {
      out.push(t);
      const kids = (t as { tokens?: Token[] }).tokens;
      if (kids) walk(kids);
      if (t.type === 'list') walk((t as Tokens.List).items);
    }
  };
  walk(tokens);
  return out;
}

/** The tables GitHub would see, each with its source lines' cell counts. */
export function tables(md: string): Array<{ header: number; rows: number; counts: number[] }> {
  return allTokens(marked.lexer(md))
    .filter((t): t is Tokens.Table => t.type === 'table')
    .map((t) => ({ header: t.header.length, rows: t.rows.length, counts: t.raw.trimEnd().split('\n').map(cellCount) }));
}

/** The fence left open at the end of the text, or null when every fence closes (CommonMark rules). */
export function openFence(md: string): string | null {
  let open: string | null = null;
  for (const line of md.split('\n')) {
    const m = /^(`{3,})(.*)$/.exec(line);
    if (!m?.[1]) continue;
    if (open === null) open = m[1];
    else if (m[1].length >= open.length && (m[2] ?? '').trim() === '') open = null;
  }
  return open;
}
