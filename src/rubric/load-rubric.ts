import { readFile } from 'node:fs/promises';
import { dirname, extname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseYamlText as parseYaml } from '../runtime/yaml-text.js';
import type { z } from 'zod';
import { DeductionRuleSchema, RubricSchema, type Rubric, type RubricIndicator } from '../model/index.js';

/** The bundled rubric: the Lechang 2024 indicator system (weights from the sample report). */
export const DEFAULT_RUBRIC_PATH = resolve(
  dirname(fileURLToPath(import.meta.url)), '..', '..', 'knowledge', 'rubrics', 'lechang-2024.yaml',
);

/** The second bundled rubric: the national 财预〔2013〕53号 framework (投入/过程/产出/效果), definitions and formulas only. */
export const MOF_53_RUBRIC_PATH = resolve(dirname(DEFAULT_RUBRIC_PATH), 'mof-2013-53.yaml');

/** Every bundled rubric, in order of preference when a report fits several. */
export const BUNDLED_RUBRIC_PATHS: readonly string[] = [DEFAULT_RUBRIC_PATH, MOF_53_RUBRIC_PATH];

/**
 * Rubrics loaded without a path (the bundled default) remember every bundled rubric, so that checking with them
 * chooses the one that fits the report (checks/engine.ts) instead of forcing the 乐昌 weights on every report.
 */
const bundledCandidates = new WeakMap<Rubric, readonly Rubric[]>();

/** The bundled rubrics to choose from when `rubric` was loaded as the default; undefined for a rubric the user named. */
export function bundledCandidatesOf(rubric: Rubric): readonly Rubric[] | undefined {
  return bundledCandidates.get(rubric);
}

export type RubricErrorCode = 'rubric-not-found' | 'rubric-unreadable' | 'rubric-syntax' | 'rubric-invalid';

/** A rubric file that cannot be used. `message` is one Chinese sentence naming the file and, if any, the bad field. */
export class RubricError extends Error {
  readonly code: RubricErrorCode;
  constructor(code: RubricErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'RubricError';
    this.code = code;
  }
}

export type RubricParseResult = { ok: true; rubric: Rubric } | { ok: false; code: RubricErrorCode; message: string };

function fieldPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((text, key) => (typeof key === 'number' ? `${text}[${key}]` : text ? `${text}.${String(key)}` : String(key)), '');
}

function issueText(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return /undefined/u.test(issue.message) ? '缺少这个必填字段' : `类型不对，应为${TYPE_NAMES[issue.expected] ?? issue.expected}`;
    case 'invalid_union':
      return `取值不符合要求（扣分规则 kind 只能是 ${RULE_KINDS.join('、')} 之一，且带齐所需字段）`;
    case 'invalid_value':
      return `取值只能是 ${issue.values.map((v) => String(v)).join('、')} 之一`;
    case 'unrecognized_keys':
      return `有无法识别的字段 ${issue.keys.join('、')}`;
    default:
      return '格式不正确';
  }
}

const RULE_KINDS = DeductionRuleSchema.options.map((o) => o.shape.kind.value);

const TYPE_NAMES: Record<string, string> = { string: '文字', number: '数字', boolean: '布尔值（true/false）', array: '列表', object: '对象' };

function duplicateId(indicators: readonly RubricIndicator[], seen = new Set<string>()): string | null {
  for (const indicator of indicators) {
    if (seen.has(indicator.id)) return indicator.id;
    seen.add(indicator.id);
    const inner = duplicateId(indicator.children, seen);
    if (inner) return inner;
  }
  return null;
}

/** Validate rubric text (YAML, or JSON when the name ends in .json). Never throws. */
export function parseRubricText(text: string, name: string): RubricParseResult {
  let data: unknown;
  try {
    data = extname(name).toLowerCase() === '.json' ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return { ok: false, code: 'rubric-syntax', message: `评分细则文件 ${name} 不是有效的 YAML/JSON：${reason}。` };
  }
  const parsed = RubricSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = fieldPath(issue.path) || '（文件顶层）';
    return { ok: false, code: 'rubric-invalid', message: `评分细则文件 ${name} 的字段 ${field} 有误：${issueText(issue)}。` };
  }
  const duplicate = duplicateId(parsed.data.indicators);
  if (duplicate) {
    return { ok: false, code: 'rubric-invalid', message: `评分细则文件 ${name} 中指标 id “${duplicate}”重复出现，每个指标的 id 必须唯一。` };
  }
  return { ok: true, rubric: parsed.data };
}

/** Every bundled rubric (乐昌 2024, 财预〔2013〕53号 framework). */
export async function loadBundledRubrics(): Promise<Rubric[]> {
  const rubrics = await Promise.all(BUNDLED_RUBRIC_PATHS.map((p) => loadRubricFile(p)));
  for (const rubric of rubrics) bundledCandidates.set(rubric, rubrics);
  return rubrics;
}

/**
 * Load and validate a rubric file. Without a path: the bundled 乐昌 rubric, marked so that checks choose among all
 * bundled rubrics by fit; with a path: exactly that rubric (forced). Throws RubricError with a Chinese message.
 */
export async function loadRubric(path?: string): Promise<Rubric> {
  if (path === undefined) return (await loadBundledRubrics())[0]!;
  return loadRubricFile(path);
}

async function loadRubricFile(path: string): Promise<Rubric> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new RubricError(missing ? 'rubric-not-found' : 'rubric-unreadable',
      missing ? `找不到评分细则文件：${path}。` : `无法读取评分细则文件：${path}。`, { cause: error });
  }
  const result = parseRubricText(text.replace(/^\uFEFF/u, ''), path);
  if (!result.ok) throw new RubricError(result.code, result.message);
  return result.rubric;
}
