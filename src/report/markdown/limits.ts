// The report must fit in one GitHub comment. Rendering starts generous and, while the text is too long,
// steps down these levels: the timeline goes first, then evidence excerpts, then long lists. Every cut
// leaves a note naming the `gwbundle show` command that prints the rest.

/** GitHub's limit for one issue comment, in characters. */
export const GITHUB_COMMENT_MAX = 65_536;

export interface Limits {
  /** Timeline entries shown either side of the failure. */
  timelineAround: number;
  /** Other timeline entries folded in <details>. */
  timelineRest: number;
  /** Evidence excerpts per finding (0: none) and lines per excerpt. */
  excerptsPerFinding: number;
  excerptLines: number;
  /** Findings shown for the failing layer, and across the secondary layers. */
  findingsFirst: number;
  findingsSecondary: number;
  patterns: number;
  exchanges: number;
  mermaid: boolean;
}

/** Step 0 is the full report; each later step is smaller. */
export const LEVELS: readonly Limits[] = [
  { timelineAround: 15, timelineRest: 250, excerptsPerFinding: 3, excerptLines: 12, findingsFirst: 40, findingsSecondary: 80, patterns: 60, exchanges: 8, mermaid: true },
  { timelineAround: 12, timelineRest: 60, excerptsPerFinding: 3, excerptLines: 12, findingsFirst: 40, findingsSecondary: 80, patterns: 60, exchanges: 8, mermaid: true },
  { timelineAround: 8, timelineRest: 0, excerptsPerFinding: 2, excerptLines: 8, findingsFirst: 30, findingsSecondary: 60, patterns: 40, exchanges: 6, mermaid: true },
  { timelineAround: 5, timelineRest: 0, excerptsPerFinding: 0, excerptLines: 0, findingsFirst: 20, findingsSecondary: 30, patterns: 30, exchanges: 4, mermaid: true },
  { timelineAround: 0, timelineRest: 0, excerptsPerFinding: 0, excerptLines: 0, findingsFirst: 8, findingsSecondary: 10, patterns: 10, exchanges: 2, mermaid: true },
  { timelineAround: 0, timelineRest: 0, excerptsPerFinding: 0, excerptLines: 0, findingsFirst: 3, findingsSecondary: 0, patterns: 5, exchanges: 0, mermaid: false },
];
