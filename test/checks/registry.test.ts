import { existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../src/checks/registry.js';
import { REPO_ROOT } from '../helpers/sample-report.js';

const RULES_DIR = join(REPO_ROOT, 'src', 'checks', 'rules');

function ruleFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? ruleFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

describe('rule registry (meta)', () => {
  const ids = ruleFiles(RULES_DIR).map((file) => relative(RULES_DIR, file).replace(/\\/gu, '/').replace(/\.ts$/u, '')).sort();

  it('registers every rule file under its path, and nothing else', () => {
    expect(ids.length).toBeGreaterThanOrEqual(16);
    expect(RULES.map((r) => r.id).sort()).toEqual(ids);
  });

  it.each(ids)('%s has its own test file', (id) => {
    expect(existsSync(join(REPO_ROOT, 'test', 'checks', 'rules', `${id}.test.ts`))).toBe(true);
  });

  it('each rule has a Chinese title and description and a severity', () => {
    for (const rule of RULES) {
      expect(rule.title).toMatch(/\p{Script=Han}/u);
      expect(rule.description).toMatch(/\p{Script=Han}/u);
      expect(['error', 'warning', 'info']).toContain(rule.severity);
    }
  });

  it('rule ids are unique', () => {
    expect(new Set(RULES.map((r) => r.id)).size).toBe(RULES.length);
  });
});
