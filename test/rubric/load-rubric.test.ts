import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { DEFAULT_RUBRIC_PATH, loadRubric, parseRubricText, RubricError } from '../../src/rubric/load-rubric.js';
import type { RubricIndicator } from '../../src/model/index.js';

function flatten(list: readonly RubricIndicator[]): RubricIndicator[] {
  return list.flatMap((i) => [i, ...flatten(i.children)]);
}

describe('the bundled rubric (knowledge/rubrics/lechang-2024.yaml)', () => {
  it('is valid and has the sample’s tree: 28 / 42 / 30 = 100', async () => {
    const rubric = await loadRubric();
    expect(rubric.total).toBe(100);
    expect(rubric.indicators.map((i) => [i.name, i.weight])).toEqual([['预算编制', 28], ['预算执行', 42], ['资金使用效益', 30]]);
    expect(flatten(rubric.indicators).filter((i) => i.children.length === 0)).toHaveLength(27);
  });

  it('ids are name paths, children add up except 资金管理 (22 = 25 − 3, documented)', async () => {
    const rubric = await loadRubric();
    for (const top of rubric.indicators) {
      const check = (node: RubricIndicator, prefix: string) => {
        expect(node.id).toBe(prefix ? `${prefix}/${node.name}` : node.name);
        node.children.forEach((c) => check(c, node.id));
        if (node.children.length === 0) return;
        const total = node.children.reduce((s, c) => s + c.weight, 0);
        if (node.id === '预算执行/资金管理') expect([total, node.weight]).toEqual([25, 22]);
        else expect(total).toBe(node.weight);
      };
      check(top, '');
    }
  });

  it('marks 资金下达合法性 optional and says where rules are unknown, with sources and confidence', async () => {
    const all = flatten((await loadRubric()).indicators);
    const byName = (n: string) => all.find((i) => i.name === n)!;
    expect(byName('资金下达合法性').optional).toBe(true);
    expect(byName('政府采购执行率').rule?.kind).toBe('unknown');
    expect(byName('政府采购执行率').formula).toMatchObject({ numerator: expect.arrayContaining(['决算支出']), denominator: expect.arrayContaining(['政府采购预算']) });
    expect(byName('部门预算资金支出率').rule?.description).toContain('未知');
    expect(byName('人员管理').aliases).toContain('在职人员控制率');
    expect(byName('制度管理').aliases).toContain('管理制度健全性');
    for (const indicator of all) {
      if (indicator.rule) expect(indicator.rule.sources.length).toBeGreaterThan(0);
      if (indicator.rule?.kind === 'unknown') expect(indicator.rule.description).toMatch(/未知|未找到/u);
    }
  });
});

describe('loading another rubric (--rubric FILE)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rubric-'));
  const minimal = { id: 'x', name: '某市细则', total: 10, description: '测试', sources: [], indicators: [{ id: 'A', name: 'A', weight: 10, definition: 'd' }] };

  it('reads JSON as well as YAML', async () => {
    const json = join(dir, 'r.json');
    writeFileSync(json, JSON.stringify(minimal));
    expect((await loadRubric(json)).name).toBe('某市细则');
    const yaml = join(dir, 'r.yaml');
    writeFileSync(yaml, stringify(minimal));
    expect((await loadRubric(yaml)).indicators[0]!.aliases).toEqual([]);
  });

  it('names the bad field in Chinese', () => {
    const bad = { ...minimal, indicators: [{ ...minimal.indicators[0], weight: '十' }] };
    const result = parseRubricText(JSON.stringify(bad), 'bad.json');
    expect(result).toMatchObject({ ok: false, code: 'rubric-invalid' });
    expect(!result.ok && result.message).toBe('评分细则文件 bad.json 的字段 indicators[0].weight 有误：类型不对，应为数字。');
    const missing = parseRubricText(stringify({ ...minimal, total: undefined }), 'm.yaml');
    expect(!missing.ok && missing.message).toContain('字段 total 有误：缺少这个必填字段');
    const rule = parseRubricText(stringify({ ...minimal, indicators: [{ ...minimal.indicators[0], rule: { kind: 'guess', description: '', sources: [] } }] }), 'k.yaml');
    expect(!rule.ok && rule.message).toContain('indicators[0].rule');
  });

  it('rejects broken syntax, duplicate ids and missing files with a RubricError', async () => {
    expect(parseRubricText('a: [1, 2', 'broken.yaml')).toMatchObject({ ok: false, code: 'rubric-syntax' });
    const dup = { ...minimal, indicators: [minimal.indicators[0], minimal.indicators[0]] };
    expect(parseRubricText(JSON.stringify(dup), 'd.json')).toMatchObject({ ok: false, code: 'rubric-invalid' });
    await expect(loadRubric(join(dir, 'nope.yaml'))).rejects.toBeInstanceOf(RubricError);
    await expect(loadRubric(join(dir, 'nope.yaml'))).rejects.toThrow('找不到评分细则文件');
    expect(DEFAULT_RUBRIC_PATH).toMatch(/knowledge[\\/]rubrics[\\/]lechang-2024\.yaml$/u);
  });
});
