// Counts in words a person would write: "1 record", "2 records", never "1 records" or "record(s)".

/** "1 record", "3 records"; `many` for irregular plurals ("1 entry", "2 entries"). */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** "N word(s)" as a person writes it: "1 assistant error(s)" -> "1 assistant error", "2 pattern(s)" -> "2 patterns". */
const COUNTED = /\b(\d+)((?:[ \t]+(?!\d+\b)[^\s()]+){0,3}?[ \t]+[A-Za-z][\w-]*?)\(s\)/g;

// Why: replay's texts are data (the JSON report keeps them as they are); the Markdown reads as prose.
export const tidyCounts = (text: string): string => text.replace(COUNTED, (_m, n: string, words: string) => `${n}${words}${n === '1' ? '' : 's'}`);
