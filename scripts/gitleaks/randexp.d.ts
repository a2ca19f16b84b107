// randexp ships no types; the part scripts/gitleaks/go-samples.ts uses.
declare module 'randexp' {
  export default class RandExp {
    constructor(pattern: RegExp | string, flags?: string);
    max: number;
    randInt: (from: number, to: number) => number;
    gen(): string;
  }
}
