import { describe, expect, it } from 'vitest';
import type { RubricIndicator } from '../../src/model/index.js';
import { loadRubric, MOF_53_RUBRIC_PATH } from '../../src/rubric/load-rubric.js';

function flatten(list: readonly RubricIndicator[]): RubricIndicator[] {
  return list.flatMap((i) => [i, ...flatten(i.children)]);
}

describe('the bundled 财预〔2013〕53号 reference rubric (knowledge/rubrics/mof-2013-53.yaml)', () => {
  it('is valid: 投入/过程/产出/效果, a reference framework citing its source', async () => {
    const rubric = await loadRubric(MOF_53_RUBRIC_PATH);
    expect(rubric.indicators.map((i) => i.name)).toEqual(['投入', '过程', '产出', '效果']);
    expect(rubric.reference).toBe(true);
    expect(rubric.sources).toMatchObject([{ id: 'S1', title: expect.stringContaining('财预〔2013〕53号') }]);
    expect(rubric.sources[0]!.where).toMatch(/^http/u);
  });

  it('sets no weights and no deduction rules (the framework leaves both to each place)', async () => {
    const all = flatten((await loadRubric(MOF_53_RUBRIC_PATH)).indicators);
    expect(all.every((i) => i.weightKnown === false && i.weight === 0)).toBe(true);
    const leaves = all.filter((i) => i.children.length === 0);
    expect(leaves.length).toBeGreaterThanOrEqual(25);
    expect(leaves.every((i) => i.rule?.kind === 'unknown')).toBe(true);
    expect(leaves.every((i) => i.definition.length > 10)).toBe(true);
  });

  it('carries the national formulas of the rate indicators', async () => {
    const byName = new Map(flatten((await loadRubric(MOF_53_RUBRIC_PATH)).indicators).map((i) => [i.name, i]));
    expect(byName.get('在职人员控制率')?.formula?.expression).toBe('在职人员数 ÷ 编制数 × 100%');
    expect(byName.get('政府采购执行率')?.formula?.expression).toBe('实际政府采购金额 ÷ 政府采购预算数 × 100%');
    expect(byName.get('固定资产利用率')?.formula?.expression).toBe('实际在用固定资产总额 ÷ 所有固定资产总额 × 100%');
    expect(byName.get('预算完成率')?.aliases).toContain('预算执行率');
    expect(byName.get('结转结余变动率')?.definition).toContain('上年度累计结转结余资金总额');
  });
});
