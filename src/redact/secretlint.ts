import { lintSource } from '@secretlint/core';
import { creator as recommendedPreset } from '@secretlint/secretlint-rule-preset-recommend';
import { lineChunks } from './chunks.js';
import type { RuleRange } from './engine.js';

// secretlint's recommended preset knows provider formats we would otherwise copy (GitLab, npm, SendGrid,
// Shopify, GCP, Vault, Hugging Face, ...). Its findings become ranges named `secretlint/<its rule>` (the
// `@secretlint/secretlint-rule-` prefix dropped: `secretlint/github`). https://github.com/secretlint/secretlint

const CONFIG = { rules: [{ id: '@secretlint/secretlint-rule-preset-recommend', rule: recommendedPreset }] };
const RULE_PREFIX = '@secretlint/secretlint-rule-';

/** The rule id a secretlint finding is counted under. */
export const secretlintRuleId = (ruleId: string): string =>
  `secretlint/${ruleId.startsWith(RULE_PREFIX) ? ruleId.slice(RULE_PREFIX.length) : ruleId.replace(/^@/, '')}`;

/** Ranges of everything the preset flags in `text`, fed in line-aligned chunks. */
export async function secretlintRanges(text: string): Promise<RuleRange[]> {
  const ranges: RuleRange[] = [];
  for (const chunk of lineChunks(text)) {
    const result = await lintSource({
      source: { content: chunk.text, filePath: 'artifact.txt', contentType: 'text' },
      options: { config: CONFIG, noPhysicFilePath: true },
    });
    for (const m of result.messages) {
      const [start, end] = m.range;
      ranges.push({ start: chunk.offset + start, end: chunk.offset + end, ruleId: secretlintRuleId(m.ruleId) });
    }
  }
  return ranges;
}
