import { describe, expect, it } from 'vitest';
import rule from '../../../../src/checks/rules/formula/inline-arithmetic.js';
import { runRule, SAMPLE_TEXT } from '../../rule-tester.js';

/** The sample with one paragraph added as line 3 (invented figures). */
function report(sentence: string): string {
  const lines = SAMPLE_TEXT.split('\n');
  lines.splice(2, 0, sentence, '');
  return lines.join('\n');
}

describe('formula/inline-arithmetic', () => {
  it.each([
    '绩效目标完成率=30÷32×100%＝93.75%。',
    '结转结余率为 3.89%（26.99 万元÷693.56 万元），较上年有所下降。',
    '预算执行率 = 597.85 / 693.56 × 100% = 86.20%。',
    '未支出资金（693.56 万元）-（597.85 万元）= 95.71 万元。',
    '三类人员合计 12 + 7 + 5 = 24 人。',
    '支出缺口 100%-58.48%=41.52%。',
    '按比例计分 6×58.48%=3.51 分。',
    '公用经费控制率为 0.85（17.40 万元÷20.4 万元）。',
    '经费 (12.5+7.5)×2 = 40 万元。',
  ])('clean: %s', (sentence) => {
    expect(runRule(rule, report(sentence))).toEqual([]);
  });

  it.each([
    ['绩效目标完成率=30÷32×100%＝95.75%。', '93.75%', '95.75%'],
    ['结转结余率为 3.98%（26.99 万元÷693.56 万元），较上年有所下降。', '3.89%', '3.98%'],
    ['预算执行率 = 597.85 / 693.56 × 100% = 86.2%。', '86.2%', null], // 86.200… → 86.2 is right
    ['未支出资金（693.56 万元）-（597.85 万元）= 96.71 万元。', '95.71万元', '96.71万元'],
    ['三类人员合计 12 + 7 + 5 = 25 人。', '24人', '25人'],
    ['公用经费控制率为 0.58（17.40 万元÷20.4 万元）。', '0.85', '0.58'],
    ['经费 (12.5+7.5)×2 = 30 万元。', '40万元', '30万元'],
  ])('recomputes: %s', (sentence, expected, actual) => {
    const findings = runRule(rule, report(sentence));
    if (actual === null) {
      expect(findings).toEqual([]);
      return;
    }
    expect(findings).toMatchObject([{ severity: 'error', line: 3, expected, actual }]);
    expect(findings[0]!.message).toContain(`应为 ${expected}`);
  });

  it.each([
    '评价期间为 2024-01-01 至 2024-12-31。',
    '执行率 80%-90% 得 4 分。',
    '依据财预〔2013〕53号文件开展评价。',
    '执行 GB/T 2260-2007 标准，联系电话 0751-1234567。',
    '得分=分值×完成率。',
    '第 3/4 季度完成验收。',
  ])('no false positive: %s', (sentence) => {
    expect(runRule(rule, report(sentence))).toEqual([]);
  });

  it('the sample states no computation: nothing', () => {
    expect(runRule(rule, SAMPLE_TEXT)).toEqual([]);
  });
});
