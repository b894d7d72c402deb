import { describe, expect, it } from 'vitest';
import { answerPolicyComputation, answerRateRule } from '../../src/assistant/answers/policy-computation.js';
import { mentionsIn } from '../../src/assistant/answers/policy-mentions.js';
import { policyRules } from '../../src/assistant/answers/policy-rules.js';

const rules = policyRules();
const lead = (q: string) => answerPolicyComputation(q, rules)?.text.split('\n')[0] ?? null;

describe('numbers in a question', () => {
  it.each([
    ['执行率91%，这项10分，能得几分', ['91', '%', '执行率'], ['10', '分', '这项']],
    ['执行率９１％，这项１０分', ['91', '%', '执行率'], ['10', '分', '这项']],
    ['在职20人，编制18人', ['20', '人', '在职'], ['18', '人', '编制']],
    ['今年三公预算12万，去年15万', ['12', '万元', '今年三公预算'], ['15', '万元', '去年']],
  ])('%s', (question, first, second) => {
    const m = mentionsIn(question);
    expect(m.map((x) => [x.value, x.unit, x.label])).toEqual([first, second]);
  });

  it('leaves out years, months, document numbers and article numbers', () => {
    expect(mentionsIn('财预〔2020〕10号第四条和2024年度、8月的规定')).toEqual([]);
  });
});

describe('a rule applied to the numbers of the question', () => {
  it.each([
    ['执行率91%，这项10分，能得几分', '9.1 分', '10 × 91% = 9.1'],
    ['预算执行率85%，分值10分，得几分', '8.5 分', '10 × 85% = 8.5'],
    ['执行率76.5%，这个指标6分能得多少', '4.59 分', '6 × 76.5% = 4.59'],
    ['执行率105%，10分的指标得几分', '10 分', '超过分值'],
    ['预算500万，执行455万，执行率10分能得几分', '9.1 分', '455 ÷ 500 × 100% = 91.00%'],
    ['76分算什么等级', '“中”', '60 分（含）至 80 分'],
    ['自评92分是什么等级', '“优”', '不低于 90 分'],
    ['85分算优还是良', '“良”', '80 分（含）至 90 分'],
    ['80分是良还是中', '“良”', '80 分（含）至 90 分'],
    ['59.9分属于哪一档', '“差”', '低于 60 分'],
    ['今年三公经费预算12万，去年15万，变动率多少', '-20.00%', '（12 − 15）÷ 15 × 100%'],
    ['三公经费本年预算10万元，上年预算8万元，变动率是多少', '25.00%', '（10 − 8）÷ 8 × 100%'],
    ['在职20人，编制18人，控制率多少', '111.11%', '20 ÷ 18 × 100%'],
    ['编制19人，实有12人，在职人员控制率是多少', '63.16%', '12 ÷ 19 × 100%'],
    ['政府采购预算60.68万，实际采购65.02万，执行率多少', '政府采购执行率 107.15%', '65.02 ÷ 60.68 × 100%'],
    ['公用经费预算20.4万，实际支出17.40万，公用经费控制率多少', '85.29%', '17.40 ÷ 20.4 × 100%'],
    ['在职人员控制率110%，5分能得几分', '0 分', '5 − 10 × 0.5 = 0'],
    ['在职人员控制率102%，5分的指标得几分', '4 分', '5 − 2 × 0.5 = 4'],
    ['三公经费控制率105%，6分能得几分', '1 分', '6 − 5 × 1 = 1'],
    ['定性指标部分达成，5分能给几分', '3—4 分', '5 × 60% = 3'],
    ['定性指标达成年度指标，10分的指标打几分', '8—10 分', '10 × 80% = 8'],
  ])('%s → %s', (question, result, working) => {
    const answer = answerPolicyComputation(question, rules);
    expect(answer, question).not.toBeNull();
    expect(lead(question)).toContain(result);
    expect(answer!.text).toContain(working);
    // every answer names the document of its rule
    expect(answer!.text).toMatch(/财预〔20\d\d〕\d+号/u);
    expect(answer!.citations.length).toBeGreaterThan(0);
  });

  it('says that 决算 figures give the 决算 change, not the 53号 变动率 (which is on 预算数)', () => {
    const text = answerPolicyComputation('三公经费今年决算8万，去年决算10万，变动率多少', rules)!.text;
    expect(text.split('\n')[0]).toContain('决算同比增减');
    expect(text).toContain('按预算数计算');
  });

  it('does not scale a published deduction rule to another weight', () => {
    const text = answerPolicyComputation('在职人员控制率103%，2分扣几分', rules)!.text;
    expect(text).toContain('不能直接套用');
    expect(text).not.toMatch(/0\.2 分/u);
  });

  it.each([
    '为什么扣了2分',
    '结余率写0%有问题吗',
    '公用经费是多少',
    '2024年度总分对不对',
    '财预〔2020〕10号第四条讲什么',
    '执行率91%算高吗',
    '76分',
  ])('%s → not a computation', (question) => {
    expect(answerPolicyComputation(question, rules)).toBeNull();
  });
});

describe('a rate asked about without numbers', () => {
  it('gives the 53号 formula on 预算数 for 三公经费变动率 when the rubric has no such indicator', () => {
    const text = answerRateRule('三公经费变动率用预算数还是决算数', rules, () => false)!.text;
    expect(text).toContain('上年度“三公”经费预算数');
    expect(text).toContain('财预〔2013〕53号');
    expect(text).toContain('用的是预算数');
  });

  it('leaves a rate the rubric defines to the rubric answers', () => {
    expect(answerRateRule('三公经费变动率怎么算', rules, () => true)).toBeNull();
  });
});
