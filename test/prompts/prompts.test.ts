import { describe, expect, it } from 'vitest';
import { listPrompts, loadPrompt, parsePrompt, placeholdersOf, prompt, renderPrompt, PromptError } from '../../src/assistant/prompts.ts';

describe('prompts/', () => {
  const names = listPrompts();

  it('has the prompts the assistant uses', () => {
    expect(names).toEqual(expect.arrayContaining(['assistant-system', 'guard-feedback', 'draft-section']));
  });

  it.each(listPrompts())('%s loads and its placeholders are exactly its declared inputs', (name) => {
    const p = loadPrompt(name);
    expect(p.description.length).toBeGreaterThan(10);
    expect(p.text.length).toBeGreaterThan(20);
    expect([...placeholdersOf(p.text)].sort()).toEqual([...p.inputs].sort());
    const values = Object.fromEntries(p.inputs.map((i) => [i, `«${i}»`]));
    const rendered = renderPrompt(p, values);
    for (const input of p.inputs) expect(rendered).toContain(`«${input}»`);
    expect(rendered).not.toMatch(/\{\{/u);
  });

  it('refuses a missing or an extra input', () => {
    expect(() => prompt('guard-feedback', {})).toThrow(PromptError);
    expect(() => prompt('guard-feedback', { numbers: '91.3%', extra: 'x' })).toThrow(/需要输入 numbers/u);
  });

  it('refuses a prompt without front matter or with a malformed one', () => {
    expect(() => parsePrompt('x', 'no front matter')).toThrow(/front matter/u);
    expect(() => parsePrompt('x', '---\ninputs: nope\n---\ntext')).toThrow(PromptError);
  });
});
