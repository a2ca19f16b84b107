// The last resort of the size cap: when even the smallest render is too long, cut at a line boundary,
// close an open fence and an open <details>, and say where the rest is. Linear in the text's length.

// Why: a report that cannot fit must still be valid Markdown and say what was cut.
export function safeCut(text: string, max: number, note: string): string {
  const room = max - note.length - 64;
  const lines = text.split('\n');
  const out: string[] = [];
  let size = 0;
  let openFence: string | null = null;
  let openDetails = 0;
  for (const line of lines) {
    if (size + line.length + 1 > room) break;
    out.push(line);
    size += line.length + 1;
    const f = /^(`{3,})/.exec(line);
    if (f?.[1]) {
      if (openFence === null) openFence = f[1];
      else if (line.trim() === openFence) openFence = null;
    } else if (openFence === null) {
      if (line.startsWith('<details')) openDetails += 1;
      if (line.startsWith('</details>')) openDetails = Math.max(0, openDetails - 1);
    }
  }
  if (openFence !== null) out.push(openFence);
  for (let i = 0; i < openDetails; i++) out.push('', '</details>');
  return `${out.join('\n')}\n\n${note}\n`;
}

// Why: the report and the diff share one size rule: the most generous render that fits one comment, stepping
// down level by level, and the last resort cut when even the smallest does not.
export function fitToComment<L>(levels: readonly L[], render: (limits: L) => string, max: number, note: string): string {
  let text = '';
  for (const limits of levels) {
    text = render(limits);
    if (text.length <= max) return text;
  }
  return safeCut(text, max, note);
}
