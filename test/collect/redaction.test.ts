import { describe, expect, it } from 'vitest';
import { A } from '../../src/bundle/artifacts.js';
import { createRedactor } from '../../src/redact/index.js';
import { redactStaged, withoutPassword } from '../../src/collect/redaction.js';

describe('withoutPassword', () => {
  it('removes the password of a Redis URL and keeps the user', () => {
    expect(withoutPassword('redis://default:hunter2@redis.local:6379/0')).toBe('redis://default@redis.local:6379/0');
    expect(withoutPassword('redis://:hunter2@localhost:6379')).toBe('redis://localhost:6379');
    expect(withoutPassword('redis://localhost:6379')).toBe('redis://localhost:6379');
  });
});

describe('redactStaged', () => {
  it('redacts content, stderr, argv and reason of one artifact and counts them together', async () => {
    const token = `ghp_${'a1B2'.repeat(9)}`;
    const { artifact, counts } = await redactStaged(
      {
        id: A.ps.id,
        status: 'error',
        reason: `exit code 1 (${token})`,
        source: { argv: ['curl', '-H', `Authorization: token ${token}`] },
        content: `out ${token}\n`,
        stderr: `err ${token}\n`,
        facts: { note: token },
      },
      createRedactor({ salt: Buffer.alloc(32) }),
    );
    expect(JSON.stringify(artifact)).not.toContain(token);
    expect(Object.values(counts).reduce((s, n) => s + n, 0)).toBeGreaterThanOrEqual(5);
  });

  it('passes the content through the leak gate last, counting what only the gate found as leak-gate', async () => {
    const token = `ghp_${'c3D4'.repeat(9)}`;
    const { artifact, counts } = await redactStaged(
      { id: A.health.id, status: 'ok', source: {}, content: JSON.stringify({ seen: { [token]: true } }) },
      createRedactor({ salt: Buffer.alloc(32) }),
    );
    expect(artifact.content).not.toContain(token);
    expect(counts).toEqual({ 'leak-gate': 1 });
  });
});
