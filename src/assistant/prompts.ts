import { readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseYamlText as parseYaml } from '../runtime/yaml-text.js';
import { z } from 'zod';

/**
 * Prompts live in prompts/<name>.md: YAML front matter that declares the inputs, then the text with {{input}}
 * placeholders. Rendering requires exactly the declared inputs, so a prompt and its caller cannot drift apart.
 */
export const PROMPTS_DIR = fileURLToPath(new URL('../../prompts/', import.meta.url));

const FrontMatterSchema = z.object({
  description: z.string(),
  inputs: z.array(z.object({ name: z.string().regex(/^[a-z][a-z0-9_]*$/u), description: z.string() })),
});

export interface Prompt {
  name: string;
  description: string;
  inputs: string[];
  text: string;
}

export class PromptError extends Error {
  readonly code = 'prompt-invalid';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PromptError';
  }
}

const PLACEHOLDER = /\{\{\s*([a-z][a-z0-9_]*)\s*\}\}/gu;

/** Placeholder names used in a prompt text, in order of first use. */
export function placeholdersOf(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]!))];
}

export function parsePrompt(name: string, source: string): Prompt {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n([\s\S]*)$/u.exec(source.replace(/^\uFEFF/u, ''));
  if (!match) throw new PromptError(`提示词 ${name} 缺少 front matter（以 --- 开头和结尾）。`);
  let data: unknown;
  try {
    data = parseYaml(match[1]!);
  } catch (cause) {
    throw new PromptError(`提示词 ${name} 的 front matter 不是有效的 YAML。`, { cause });
  }
  const parsed = FrontMatterSchema.safeParse(data);
  if (!parsed.success) throw new PromptError(`提示词 ${name} 的 front matter 格式不对：${parsed.error.issues[0]?.message ?? ''}`);
  return {
    name,
    description: parsed.data.description,
    inputs: parsed.data.inputs.map((i) => i.name),
    text: match[2]!.trim(),
  };
}

const cache = new Map<string, Prompt>();

/** Load prompts/<name>.md (cached). */
export function loadPrompt(name: string, directory = PROMPTS_DIR): Prompt {
  const key = join(directory, `${name}.md`);
  const hit = cache.get(key);
  if (hit) return hit;
  let source: string;
  try {
    source = readFileSync(key, 'utf8');
  } catch (cause) {
    throw new PromptError(`找不到提示词文件 ${key}。`, { cause });
  }
  const prompt = parsePrompt(name, source);
  cache.set(key, prompt);
  return prompt;
}

export function listPrompts(directory = PROMPTS_DIR): string[] {
  return readdirSync(directory)
    .filter((f) => f.endsWith('.md'))
    .map((f) => basename(f, '.md'))
    .sort();
}

/** Fill the placeholders; every declared input must be given, and nothing else. */
export function renderPrompt(prompt: Prompt, values: Record<string, string>): string {
  const given = Object.keys(values).sort();
  const declared = [...prompt.inputs].sort();
  if (given.join(',') !== declared.join(',')) {
    throw new PromptError(`提示词 ${prompt.name} 需要输入 ${declared.join('、')}，实际给了 ${given.join('、') || '（无）'}。`);
  }
  return prompt.text.replace(PLACEHOLDER, (_m, key: string) => values[key]!);
}

/** Load and render in one step. */
export function prompt(name: string, values: Record<string, string>): string {
  return renderPrompt(loadPrompt(name), values);
}
