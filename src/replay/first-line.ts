// Why: a command's stderr or a reason is shown as its first non-blank line, trimmed, in layer details.
export const firstLine = (s: string | undefined): string => (s ?? '').split('\n').find((l) => l.trim() !== '')?.trim() ?? '';
