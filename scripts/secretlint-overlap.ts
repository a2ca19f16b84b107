// What secretlint's recommended preset would add to the redactor. Every gitleaks true positive sample (in place
// and bare in each artifact shape) and every caught case of our catalog go into one document, linted once (one
// lintSource call: secretlint 12 keeps a profiler mark per call and searches them linearly, so many calls cost
// the square of their number); a secretlint finding counts when the text it flags is still whole in the
// redactor's output. Run: npx tsx scripts/secretlint-overlap.ts   (0 means the preset adds nothing).
import { lintSource } from '@secretlint/core';
import { creator } from '@secretlint/secretlint-rule-preset-recommend';
import { A } from '../src/bundle/artifacts.js';
import { createRedactor, RULES } from '../src/redact/index.js';
import { bareContexts, CORPUS } from '../test/redact/gitleaks-corpus.js';

const items: string[] = [];
for (const c of Object.values(CORPUS.rules)) {
  for (const tp of c.tps) {
    items.push(tp.sample);
    if (tp.secret) for (const b of bareContexts(tp.secret)) items.push(b.artifact.text);
  }
}
for (const rule of RULES) items.push(...rule.cases.caught);
const doc = items.join('\n\n');
const t0 = performance.now();
const result = await lintSource({
  source: { content: doc, filePath: 'corpus.txt', contentType: 'text' },
  options: { config: { rules: [{ id: '@secretlint/secretlint-rule-preset-recommend', rule: creator }] }, noPhysicFilePath: true },
});
const ms = performance.now() - t0;
const out = (await createRedactor().redactArtifact({ ...A.gatewayErrLog, text: doc })).text;
const added = result.messages.filter((m) => {
  const v = doc.slice(m.range[0], m.range[1]);
  return v.length >= 8 && out.includes(v);
});
console.log(`${items.length} samples, ${(doc.length / 1e6).toFixed(1)} MB: secretlint found ${result.messages.length} in ${ms.toFixed(0)} ms; left whole by the redactor: ${added.length}`);
for (const m of added.slice(0, 20)) console.log(`  ${m.ruleId}: ${JSON.stringify(doc.slice(m.range[0], m.range[1])).slice(0, 100)}`);
