import { DOC_SEPARATOR } from './engine.js';

// Thousands of small strings (JSON string values, JSONL lines) go through the text pass as ONE virtual
// document joined by a separator no rule may cross, so the keyword scan and each rule run once, not per string.

/** Collects strings, runs one pass over all of them, and hands each its result by index. */
export class TextBatch {
  private readonly items: string[] = [];

  /** Queue a string; returns its index in the results. */
  add(s: string): number {
    this.items.push(s);
    return this.items.length - 1;
  }

  /** Run `pass` over every queued string; results are in queue order. */
  run(pass: (text: string) => string): string[] {
    const results = [...this.items];
    const joinable: number[] = [];
    const alone: number[] = [];
    this.items.forEach((s, i) => (s.includes('\u0000') ? alone : joinable).push(i));
    if (joinable.length > 0) {
      const parts = (pass(joinable.map((i) => this.items[i]).join(DOC_SEPARATOR))).split(DOC_SEPARATOR);
      // A rule that ate a separator's newline breaks the split: redo those strings one by one.
      if (parts.length === joinable.length) joinable.forEach((idx, k) => (results[idx] = parts[k] ?? ''));
      else alone.push(...joinable);
    }
    for (const i of alone) results[i] = pass(this.items[i] ?? '');
    return results;
  }
}
