import { beforeAll, describe, expect, it } from 'vitest';
import type { Rubric } from '../../src/model/index.ts';
import { loadRubric } from '../../src/rubric/load-rubric.ts';
import { recognizeIntent } from '../../src/assistant/intents.ts';
import { indicatorInText } from '../../src/assistant/indicator-lookup.ts';

let rubric: Rubric;
beforeAll(async () => {
  rubric = await loadRubric();
});

const intentOf = (text: string) => recognizeIntent(text, (t) => indicatorInText(t, rubric, null));

describe('recognizeIntent', () => {
  it.each([
    ['为什么扣了2分', { kind: 'lost-points', indicator: null }],
    ['哪些指标扣分了', { kind: 'lost-points', indicator: null }],
    ['政府采购执行率为什么是0分', { kind: 'lost-points', indicator: '政府采购执行率' }],
    ['支出率为什么没拿满分', { kind: 'lost-points', indicator: '部门预算资金支出率' }],
    ['支出率要到多少才能满分', { kind: 'target', indicator: '部门预算资金支出率' }],
    ['总分99分对吗', { kind: 'total' }],
    ['帮我检查一下报告', { kind: 'check' }],
    ['/check', { kind: 'check' }],
    ['结转结余率怎么算', { kind: 'rule', query: '结转结余率怎么算' }],
    ['三公经费超了怎么扣分', { kind: 'rule', query: '三公经费超了怎么扣分' }],
    ['钱没花完会扣分吗', { kind: 'rule', query: '钱没花完会扣分吗' }],
    ['政府采购那一项要扣分吗', { kind: 'rule', query: '政府采购那一项要扣分吗' }],
    ['示例报告的服务对象满意度是多少', { kind: 'rule', query: '示例报告的服务对象满意度是多少' }],
    ['报告有没有错', { kind: 'check' }],
    ['帮我起草存在问题', { kind: 'draft', section: '存在问题', shorter: false }],
    ['/draft 相关建议', { kind: 'draft', section: '相关建议', shorter: false }],
    ['写一段自评结论', { kind: 'draft', section: '自评结论', shorter: false }],
    ['再写短一点', { kind: 'shorter' }],
    ['那第二个呢', { kind: 'follow-up-item', ordinal: 2 }],
    ['第3条呢', { kind: 'follow-up-item', ordinal: 3 }],
    ['和上年比怎么样', { kind: 'compare-last-year', indicator: null }],
    ['/help', { kind: 'help' }],
    ['你能做什么', { kind: 'help' }],
    ['/reset', { kind: 'reset' }],
  ])('%s', (text, expected) => {
    expect(intentOf(text)).toEqual(expected);
  });
});

describe('indicatorInText', () => {
  it('prefers the longest name, then colloquial words', () => {
    expect(indicatorInText('预算执行率低怎么办', rubric, null)).toBe('部门预算资金支出率');
    expect(indicatorInText('预决算信息，绩效评价结果公开性怎么写', rubric, null)).toBe('预决算信息公开性');
    expect(indicatorInText('买东西超预算了扣几分', rubric, null)).toBe('政府采购执行率');
    expect(indicatorInText('今天天气怎么样', rubric, null)).toBeNull();
  });
});
