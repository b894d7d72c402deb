import { describe, expect, it } from 'vitest';
import { generalText, ruleText } from '../../src/assistant/answers/general-text.js';

/** Knowledge text quoted about another report keeps its general part only; the sample's case goes with its figures. */
const other = { title: '某县自然资源局2024年度部门整体支出绩效自评报告', department: null };
const sample = { title: '乐昌市政务服务和数据管理局2024年度部门整体支出绩效自评报告', department: '乐昌市政务服务和数据管理局' };

describe('generalText', () => {
  it.each([
    // a later sentence working with the sample's figure, and a conclusion drawn about the sample
    ['乐昌的计分办法未知。样例支出率 58.48% 自评 4 分；如果按比例计分，应得 58.48% × 6 = 3.51 分，所以乐昌用的不是简单按比例，可能是分档。外地按完成比例计分。', '外地按完成比例计分。'],
    // a label about the sample introduces the sample's case to the end of the sentence
    ['- 样例的做法：执行率 107.15%（超预算）自评 0 分，即把超预算采购当作本项全部失分。这只是样例单位的自评；没有找到“超过 100% 即全扣”的成文规定。', '没有找到“超过 100% 即全扣”的成文规定。'],
    // a bracketed remark's figures mark a later sentence as the sample's
    ['支出率低而结余率为 0% 须说明（样例支出率 58.48%）。未支出的 41.52% 去向不明时，58.48% 是否算对也存疑。结余率的分母各地不同。', '支出率低而结余率为 0% 须说明。结余率的分母各地不同。'],
    // a statement about the sample that is not a label keeps what it introduces
    ['乐昌的计分办法未知：外地有按比例计分的做法。', '外地有按比例计分的做法。'],
    // whole numbers are not taken for the sample's figures
    ['样例在 100% 时给满分。低于 100% 如何扣分未见规定。', '低于 100% 如何扣分未见规定。'],
  ])('%s', (text, expected) => {
    expect(generalText(text, other)).toBe(expected);
    expect(generalText(text, sample)).toBe(text);
  });
});

describe('ruleText', () => {
  const rule = {
    description: '本地计分办法未知：超过 100% 是否扣分没有成文规定。',
    sources: [{ id: 'S0', confidence: 'low' as const, note: '样例执行率 107.15%（超预算）自评 0 分' }, { id: 'S6', confidence: 'low' as const }],
  };
  it('says the general rule about another report, and the sample\'s own case first about the sample', () => {
    expect(ruleText(rule, other)).toBe(rule.description);
    expect(ruleText(rule, sample)).toBe('样例执行率 107.15%（超预算）自评 0 分。本地计分办法未知：超过 100% 是否扣分没有成文规定。');
    expect(ruleText({ ...rule, sources: [] }, sample)).toBe(rule.description);
    expect(ruleText(null, sample)).toBe('');
  });
});
