import { describe, expect, it } from 'vitest';
import { renderReport } from '../../src/report/index.js';
import { ReportV1 } from '../../src/report/schema.js';
import { failedDiagnosis } from './base-diagnosis.js';

describe('renderReport', () => {
  it('renders each format from the same Diagnosis', () => {
    const d = failedDiagnosis();
    expect(renderReport(d, 'markdown').startsWith('# ❌ Gateway FAILED')).toBe(true);
    expect(ReportV1.safeParse(JSON.parse(renderReport(d, 'json'))).success).toBe(true);
    expect(JSON.parse(renderReport(d, 'diagnose')).summary).toBe('1 failed, 1 degraded');
  });

  it('refuses an unknown format in one line', () => {
    expect(() => renderReport(failedDiagnosis(), 'html' as 'json')).toThrowError(/^--format must be markdown, json or diagnose \(got "html", a string\)$/);
  });
});
