import { describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSegmenter, expansionsOf, getSegmenter } from '../../src/knowledge/segment.ts';
import { loadDomainDictionary } from '../../src/knowledge/domain-dictionary.ts';

const DICT = ['部门预算资金支出率 1000 n', '支出率 100000 n', '政府采购执行率 1000 n', '结转结余率 1000 n', '三公经费 1000 n'].join('\n');
const SYNONYMS = [
  { terms: ['钱没花完', '没花完'], expandsTo: ['预算执行率', '结转结余'] },
  { terms: ['出差', '接待', '公车'], expandsTo: ['三公经费'] },
];

describe('segmenter', () => {
  const segmenter = createSegmenter({ userDict: DICT, synonyms: SYNONYMS, fingerprint: 'test' });

  it('keeps 58.48% whole and finds the rate words of the sample report sentence', () => {
    const tokens = segmenter.indexTokens('部门预算资金支出率为58.48%');
    expect(tokens).toContain('58.48');
    expect(tokens).toContain('支出率');
    expect(tokens).toContain('部门预算资金支出率');
    expect(tokens).not.toContain('58');
    expect(tokens).not.toContain('48');
  });

  it('keeps money amounts with decimals and thousands separators whole', () => {
    const tokens = segmenter.indexTokens('2024年我局政府采购预算 60.68 万元，决算支出1,065.02万元');
    expect(tokens).toEqual(expect.arrayContaining(['2024', '60.68', '1065.02', '采购', '预算', '万元']));
  });

  it('emits only lexemes PostgreSQL keeps whole: no punctuation, lower-case Latin', () => {
    const tokens = segmenter.indexTokens('采购LED大屏（新增）、“一网通办”。');
    expect(tokens).toContain('led');
    for (const token of tokens) expect(token).toMatch(/^[\p{L}\p{N}.]+$/u);
  });

  it('drops question words from queries and keeps the rubric term', () => {
    const terms = segmenter.queryTerms('政府采购执行率怎么算').map((t) => t.term);
    expect(terms).toContain('政府采购执行率');
    expect(terms).not.toContain('怎么');
  });

  it('expands colloquial phrases to rubric terms with a lower weight', () => {
    const terms = segmenter.queryTerms('钱没花完会扣分吗');
    const weight = (term: string) => terms.find((t) => t.term === term)?.weight;
    expect(weight('扣分')).toBe(1);
    expect(weight('结转')).toBeLessThan(1);
    expect(weight('预算执行率') ?? weight('执行率')).toBeLessThan(1);
    expect(terms.map((t) => t.term)).not.toContain('吗');
    expect(expansionsOf('出差和公车算不算', SYNONYMS)).toEqual(['三公经费']);
  });

  it('reads the dictionary folder (user-dict.txt, synonyms.yaml) and reports a malformed synonyms file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'selfeval-dict-'));
    const good = join(dir, 'good');
    const bad = join(dir, 'bad');
    mkdirSync(good);
    mkdirSync(bad);
    writeFileSync(join(good, 'user-dict.txt'), '# 注释\n在职人员控制率 1000 n\n\n国库集中支付\n');
    writeFileSync(join(good, 'synonyms.yaml'), '- terms: [人超编]\n  expands_to: [在职人员控制率]\n');
    writeFileSync(join(bad, 'synonyms.yaml'), '- terms: 人超编\n');
    const loaded = loadDomainDictionary(good);
    expect(loaded.problems).toEqual([]);
    expect(loaded.synonyms).toEqual([{ terms: ['人超编'], expandsTo: ['在职人员控制率'] }]);
    const fromFolder = createSegmenter(loaded);
    expect(fromFolder.indexTokens('在职人员控制率超过100%')).toContain('在职人员控制率');
    expect(fromFolder.queryTerms('人超编了扣几分').map((t) => t.term)).toContain('在职人员控制率');
    expect(loadDomainDictionary(bad).problems[0]).toContain('格式不对');
    expect(loadDomainDictionary(join(dir, 'missing')).userDict).toBe('');
  });

  it('the bundled segmenter cuts the sample sentence with the domain dictionary when present', () => {
    const tokens = getSegmenter().indexTokens('全年预算资金支出率为58.48%');
    expect(tokens).toContain('58.48');
    expect(tokens.some((t) => t === '支出率' || t === '支出')).toBe(true);
  });
});
