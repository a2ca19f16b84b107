// The keyword prefilter, as in gitleaks (detect/detect.go builds an Aho-Corasick trie of every rule's keywords):
// one pass over a text finds every occurrence of every keyword, case-insensitively, so a rule's regex runs only
// where one of its keywords occurs and adding rules does not add passes over the text. The automaton is a full
// DFA over the few characters keywords use (upper case folded to lower case, every other character one
// "other" symbol): one table lookup per character.

/** Builds once per keyword set; `scan` is reentrant. */
export class KeywordScanner {
  private readonly symbols = new Uint8Array(65536);
  /** Transitions, indexed by state * width + symbol, holding the next state pre-multiplied by width. */
  private readonly delta: Int32Array;
  /** States are numbered so that those where a keyword ends come last: (state * width) >= firstOutput. */
  private readonly firstOutput: number;
  /** Per pre-multiplied state >= firstOutput, divided by width: the keyword indices that end there. */
  private readonly outputs: number[][];

  constructor(readonly keywords: readonly string[]) {
    let next = 1; // 0 = any character no keyword uses
    for (const k of keywords) {
      for (let i = 0; i < k.length; i++) {
        const c = k.charCodeAt(i);
        if (c >= 128 || (c >= 65 && c <= 90)) throw new Error(`keyword "${k}" must be lower-case ASCII`);
        if (this.symbols[c] === 0) this.symbols[c] = next++;
      }
    }
    for (let c = 65; c <= 90; c++) this.symbols[c] = this.symbols[c + 32] ?? 0;
    const width = next;
    // trie
    const goto: number[][] = [new Array<number>(next).fill(-1)];
    const out: number[][] = [[]];
    keywords.forEach((k, ki) => {
      let s = 0;
      for (let i = 0; i < k.length; i++) {
        const sym = this.symbols[k.charCodeAt(i)] as number;
        const row = goto[s] as number[];
        if (row[sym] === -1) {
          row[sym] = goto.length;
          goto.push(new Array<number>(next).fill(-1));
          out.push([]);
        }
        s = row[sym] as number;
      }
      (out[s] as number[]).push(ki);
    });
    // breadth-first failure links, folded into a full transition table
    const n = goto.length;
    const fail = new Int32Array(n);
    const table = new Int32Array(n * width);
    const queue: number[] = [];
    for (let a = 0; a < width; a++) {
      const t = (goto[0] as number[])[a] as number;
      table[a] = t === -1 ? 0 : t;
      if (t > 0) queue.push(t);
    }
    for (let qi = 0; qi < queue.length; qi++) {
      const s = queue[qi] as number;
      (out[s] as number[]).push(...(out[fail[s] as number] as number[]));
      for (let a = 0; a < width; a++) {
        const t = (goto[s] as number[])[a] as number;
        const viaFail = table[(fail[s] as number) * width + a] as number;
        if (t === -1) table[s * width + a] = viaFail;
        else {
          table[s * width + a] = t;
          fail[t] = viaFail;
          queue.push(t);
        }
      }
    }
    // renumber: states without output first, so one comparison tells whether a keyword ended
    const order = [...Array(n).keys()].sort((a, b) => Number((out[a] as number[]).length > 0) - Number((out[b] as number[]).length > 0) || a - b);
    const rank = new Int32Array(n);
    order.forEach((s, r) => (rank[s] = r));
    this.delta = new Int32Array(n * width);
    for (let s = 0; s < n; s++) {
      for (let a = 0; a < width; a++) this.delta[(rank[s] as number) * width + a] = (rank[table[s * width + a] as number] as number) * width;
    }
    const firstOutputRank = order.findIndex((s) => (out[s] as number[]).length > 0);
    this.firstOutput = (firstOutputRank < 0 ? n : firstOutputRank) * width;
    this.outputs = order.map((s) => out[s] as number[]);
    this.width = width;
    if (rank[0] !== 0) throw new Error('keyword scanner: the start state must stay 0');
  }

  private readonly width: number;

  /** Call `hit(start, keywordIndex)` for every occurrence in `text`, in order of end position. */
  scan(text: string, hit: (start: number, keyword: number) => void): void {
    const { symbols, delta, width, outputs, keywords, firstOutput } = this;
    let s = 0;
    for (let i = 0, n = text.length; i < n; i++) {
      s = delta[s + (symbols[text.charCodeAt(i)] as number)] as number;
      if (s >= firstOutput) for (const k of outputs[s / width] as number[]) hit(i + 1 - (keywords[k] as string).length, k);
    }
  }
}
