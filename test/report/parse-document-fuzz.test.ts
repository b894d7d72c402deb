import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../src/report/parse-document.js';
import { checkReport } from '../../src/checks/engine.js';
import { REPORT_OWN_RUBRIC } from '../../src/rubric/select-rubric.js';
import { documentOf, type FixtureItem } from '../helpers/report-fixtures.js';

const WORDS = ['一级指标', '二级指标', '指标名称', '分值', '得分', '自评得分', '评分标准', '扣分原因', '全年预算数', '全年执行数', '执行率',
  '年度资金总额', '财政拨款', '合计', '总分', '加减分', '不考核', '≥90%得5分；<90%得0分', '5', '10', '9.5', '95%', '', '^', '<', '—'];

/** A small deterministic generator (no Math.random: a failing case can be replayed). */
function generator(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

describe('parseDocument never throws on odd tables', () => {
  it('600 random documents of header words, figures, merges and ragged rows', () => {
    const next = generator(20241201);
    let parsed = 0;
    for (let n = 0; n < 600; n += 1) {
      const items: FixtureItem[] = [];
      const blocks = 1 + Math.floor(next() * 3);
      for (let b = 0; b < blocks; b += 1) {
        if (next() < 0.3) { items.push(`自评得分${Math.floor(next() * 10)}分`); continue; }
        const rows = Array.from({ length: Math.floor(next() * 8) }, (_, r) =>
          Array.from({ length: 1 + Math.floor(next() * 7) }, (_, c) => {
            const word = WORDS[Math.floor(next() * WORDS.length)]!;
            return (word === '^' && r === 0) || (word === '<' && c === 0) ? '' : word;
          }));
        if (next() < 0.5) rows.unshift(['一级指标', '二级指标', '三级指标', '分值', '评分标准', '自评得分', '扣分原因']);
        items.push({ table: rows.length === 0 ? [['']] : rows });
      }
      const result = parseDocument(documentOf(items));
      expect(typeof result.ok).toBe('boolean');
      if (!result.ok) expect(result.problems[0]!.message).toMatch(/\p{Script=Han}/u);
      else {
        parsed += 1;
        const findings = checkReport(result.report, REPORT_OWN_RUBRIC).findings;
        expect(findings.filter((f) => f.ruleId === 'internal/rule-crashed')).toEqual([]);
      }
    }
    expect(parsed).toBeGreaterThan(40); // the generator does reach the recognisers and the rules
  });
});
