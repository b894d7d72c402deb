import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EnvSchema, loadConfig } from '../../src/config/env.ts';

const EXAMPLE = readFileSync(new URL('../../.env.example', import.meta.url), 'utf8').split('\n');

describe('.env.example', () => {
  const assignments = EXAMPLE.map((line, index) => ({ index, match: /^([A-Z][A-Z0-9_]*)=(.*)$/u.exec(line) })).filter((a) => a.match);

  it('lists every variable selfeval reads, and only those', () => {
    expect(assignments.map((a) => a.match![1]).sort()).toEqual(Object.keys(EnvSchema.shape).sort());
  });

  it('explains each variable in Chinese in the comment right above it', () => {
    for (const { index, match } of assignments) {
      const comment = EXAMPLE[index - 1] ?? '';
      expect(comment, match![1]).toMatch(/^#.*[\u4e00-\u9fff]/u);
    }
  });

  it('copied as is, it is a valid offline configuration', () => {
    const env = Object.fromEntries(assignments.map((a) => [a.match![1]!, a.match![2]!]));
    const config = loadConfig(env);
    expect(config.llm).toBeUndefined();
    expect(config.slack).toBeUndefined();
    expect(config.wecom).toBeUndefined();
    expect(config.port).toBe(3000);
  });
});
