// "Say each thing once": the same error message reaches a report through many doors (the log record, the
// transcript's error, the OTEL event, each layer's detail, the timeline), and twelve copies of "Credentials may
// have expired" bury the story. A run of words the report has already printed in full is shortened to its first
// words and "…" wherever it comes again, so each message is printed whole once and referred to after that.
// Linear in the text: runs are found by hashing windows of WINDOW words.

/** Words in a row that make a repeat: shorter phrases ("session pressure: ok") are left alone. */
export const WINDOW = 8;
/** A shortened run keeps its first sentence when it is this short, else its first words up to KEEP_CHARS. */
const SENTENCE_CHARS = 60;
const KEEP_CHARS = 24;

/** A word as compared: lower case, without the quotes, brackets and punctuation around it. */
const norm = (w: string): string => w.toLowerCase().replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');

export class SaidOnce {
  private readonly seen = new Set<string>();

  /** Marks `text` as printed in full (an excerpt, a finding): later repeats of its runs are shortened. */
  said(text: string): void {
    const words = wordsOf(text).map((w) => norm(w.word));
    for (let i = 0; i + WINDOW <= words.length; i++) this.seen.add(words.slice(i, i + WINDOW).join(' '));
  }

  /** `text` with every run already said shortened to its first words and "…". */
  shorten(text: string): string {
    const words = wordsOf(text);
    if (words.length < WINDOW) return text;
    const keys = words.map((w) => norm(w.word));
    const repeated = new Array<boolean>(words.length).fill(false);
    for (let i = 0; i + WINDOW <= words.length; i++) {
      if (this.seen.has(keys.slice(i, i + WINDOW).join(' '))) repeated.fill(true, i, i + WINDOW);
    }
    // A text cut with "…" (a timeline entry) ends in half a word: it belongs to the repeat before it.
    const last = words.length - 1;
    if (!repeated[last] && repeated[last - 1] && words[last]!.word.endsWith('…')) repeated[last] = true;
    let out = '';
    let at = 0; // next character of `text` to copy
    for (let i = 0; i < words.length; ) {
      if (!repeated[i]) {
        i++;
        continue;
      }
      let j = i;
      while (j + 1 < words.length && repeated[j + 1]) j++;
      const keep = keptWords(words, i, j);
      if (keep <= j - i - 1) {
        const end = words[i + keep - 1]!;
        // The brackets and quotes the run closed stay closed: "(kubectl: The connection…)".
        const closing = /[)\]}"'`]*$/.exec(words[j]!.word.replace(/…$/, ''))?.[0] ?? '';
        out += `${text.slice(at, end.start)}${end.word.replace(/[.,;:…]+$/, '')}…${closing}`;
        at = words[j]!.start + words[j]!.word.length;
      }
      i = j + 1;
    }
    return out + text.slice(at);
  }

  /** Shortens what was said before, then marks the whole text as said. */
  once(text: string): string {
    const short = this.shorten(text);
    this.said(text);
    return short;
  }
}

interface Word {
  word: string;
  start: number;
}

function wordsOf(text: string): Word[] {
  return [...text.matchAll(/\S+/g)].map((m) => ({ word: m[0], start: m.index }));
}

/** How many words of the run i..j stay: up to a sentence end within SENTENCE_CHARS, else about KEEP_CHARS. */
function keptWords(words: readonly Word[], i: number, j: number): number {
  let chars = 0;
  let short = 0;
  for (let k = i; k <= j && chars < SENTENCE_CHARS; k++) {
    chars += words[k]!.word.length + 1;
    if (/[.!?;]["')\]]*$/.test(words[k]!.word)) return k - i + 1;
    if (short === 0 && chars >= KEEP_CHARS) short = k - i + 1;
  }
  return short || j - i + 1;
}
