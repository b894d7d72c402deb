import { beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/model/index.ts';
import { parseReportText } from '../../src/report/parse-report.ts';
import { understandTurn, type ThreadView } from '../../src/assistant/understand/understand-turn.ts';
import { repairQuestion, repairTypos, vocabularyTerms } from '../../src/assistant/understand/question-repair.ts';
import { pastedFragment } from '../../src/assistant/understand/pasted-fragment.ts';
import { shortAnswer } from '../../src/assistant/guard/short-answer.ts';
import { cleanUserText } from '../../src/assistant/guard/user-text.ts';
import { forChannel } from '../../src/assistant/guard/channel-text.ts';
import { NO_REPORT_TEXT } from '../../src/assistant/answers/answer.ts';
import { readSampleReportText } from '../helpers/sample-report.ts';

/** The understanding step over the thread's state, table-driven; and the user-text passes it relies on. */
let report: Report;
beforeAll(() => {
  const parsed = parseReportText(readSampleReportText(), { name: 'lechang.txt' });
  if (!parsed.ok) throw new Error('sample did not parse');
  report = parsed.report;
});

const view = (extra: Partial<ThreadView> = {}): ThreadView => ({ report, file: null, attachedNow: false, previous: null, ...extra });
const afterLostPoints = { intent: 'lost-points', items: ['部门预算资金支出率', '政府采购执行率'] };
const afterDraft = { intent: 'write', items: ['政府采购执行率'], draft: { section: '扣分说明', text: '政府采购超出预算。' } };
const afterLookup = { intent: 'lookup', items: [], topic: '三公经费', subject: { topic: '三公经费' } };

describe('understandTurn', () => {
  const cases: [string, Partial<ThreadView>, string, Record<string, unknown>?][] = [
    ['那怎么改', { previous: afterLostPoints }, 'fix', { indicators: ['部门预算资金支出率', '政府采购执行率'] }],
    ['该怎么整改呢？', { previous: { intent: 'lost-points', items: ['政府采购执行率'], subject: { indicator: '政府采购执行率' } } }, 'fix', { indicators: ['政府采购执行率'] }],
    ['那怎么改', { previous: null }, 'question'], // nothing to fix: an ordinary question
    ['帮我写一段说明', { previous: afterLostPoints }, 'write', { indicators: ['部门预算资金支出率', '政府采购执行率'], topic: null }],
    ['写一段说明', { previous: afterLookup }, 'write', { indicators: [], topic: '三公经费' }],
    ['帮我起草存在问题', { previous: afterLostPoints }, 'question'], // a section draft: the intents
    ['短一点', { previous: afterDraft }, 'shorter'],
    ['再写短一点', { previous: null }, 'question'],
    ['发我Word文件', { previous: afterDraft }, 'word'],
    ['把草稿发我 word 文档', { previous: afterDraft }, 'word'],
    ['去年呢', { previous: afterLookup }, 'previous-year', { topic: '三公经费' }],
    ['那上年呢？', { previous: afterLostPoints }, 'previous-year', { topic: '部门预算资金支出率' }],
    ['详情', { previous: { ...afterLostPoints, details: '全文' } }, 'details'],
    ['批注', { file: { name: '报告.docx' } }, 'file', { request: 'annotate' }],
    ['起草全文', { file: { name: '数据.xlsx' } }, 'file', { request: 'draft' }],
    ['给我模板', { file: { name: '报告.docx' } }, 'file', { request: 'template' }],
    ['', { file: { name: '报告.docx' }, attachedNow: true }, 'loaded'],
    ['帮我看看这份报告', { file: { name: '报告.docx' }, attachedNow: true }, 'loaded'],
    ['帮我看看这份报告', { file: null }, 'question'],
    ['帮我检查这段：（2）结转结余率（3分）。得4分。', {}, 'paste'],
    ['/reset', {}, 'reset'],
    ['帮助', {}, 'help'],
  ];
  it.each(cases)('%s → %s', (text, state, kind, fields) => {
    const { plan } = understandTurn(text, view(state));
    expect(plan.kind).toBe(kind);
    if (fields) expect(plan).toMatchObject(fields);
  });

  it('corrects near-misses of report vocabulary and reads English questions in Chinese', () => {
    expect(understandTurn('总份对吗', view()).text).toBe('总分对吗');
    expect(understandTurn('政府采够执行率为什么是0分', view()).text).toBe('政府采购执行率为什么是0分');
    expect(understandTurn('Is the total score correct?', view())).toMatchObject({ text: '总分对吗', english: true });
    expect(understandTurn('Why did we lose points?', view()).text).toBe('为什么扣分了');
  });
});

describe('question repair', () => {
  it('leaves right words and unrelated near words alone', () => {
    const terms = vocabularyTerms(report);
    for (const text of ['总分对吗', '总数是多少', '资产管理怎么样', '自评得分多少', '三公经费是多少']) expect(repairTypos(text, terms)).toBe(text);
    expect(repairQuestion('扣份了吗', report).text).toBe('扣分了吗');
  });
});

describe('pasted fragments', () => {
  it('takes an asked-for paste or a long report-like paste, not a question', () => {
    expect(pastedFragment('帮我检查这段：（2）结转结余率（3分）。自评得分3分。')).toBe('（2）结转结余率（3分）。自评得分3分。');
    expect(pastedFragment('核对一下：1.预算执行率（15分）。全年预算数600.00万元，执行数560.40万元，得15分。')).toContain('预算执行率');
    expect(pastedFragment('1.预算执行率（15分）。全年预算数600.00万元，执行数560.40万元，执行率=560.40÷600.00×100%=93.40%，≥90%，得15分。')).not.toBeNull();
    expect(pastedFragment('结转结余率3分扣了1分对吗？')).toBeNull();
    expect(pastedFragment('帮我检查这段：')).toBeNull();
  });
});

describe('short answers and user text', () => {
  it('keeps ≤ 3 lines: the lead and the list items, or the lead and the list’s conclusion; the rest in details', () => {
    const list = ['本报告有 2 个指标扣分：', '**1. A**：原因一', '- 细节', '**2. B**：原因二', '- 细节'].join('\n');
    expect(shortAnswer(list)).toEqual({ text: '本报告有 2 个指标扣分：\n**1. A**：原因一\n**2. B**：原因二', details: list });
    const total = ['总分 99 分。按指标相加：', '- 甲 28 分', '- 乙 38 分', '- 丙 30 分', '合计 99 分，一致。'].join('\n');
    expect(shortAnswer(total).text).toBe('总分 99 分。按指标相加：\n合计 99 分，一致。');
    expect(shortAnswer('一行回答。')).toEqual({ text: '一行回答。' });
  });

  it('cleans rule ids, LaTeX, invisible characters and knowledge paths', () => {
    expect(cleanUserText('第 14 行（规则 score/own-standard）：得分 \\leq 分值\u200b\u200c')).toBe('第 14 行：得分 ≤ 分值');
    expect(cleanUserText('[consistency/same-quantity] 村（居）')).toBe(' 村（居）');
    expect(cleanUserText('见 guides/indicators/政府采购执行率.md 第 28 行')).toBe('见 《政府采购执行率》');
    expect(cleanUserText('$\\frac{65.02}{60.68} \\times 100\\%$')).toBe('65.02 ÷ 60.68 × 100%');
  });

  it('gives chat users chat instructions, terminal users commands', () => {
    expect(forChannel(NO_REPORT_TEXT, 'slack')).not.toMatch(/\/load|--report/u);
    expect(forChannel(NO_REPORT_TEXT, 'terminal')).toBe(NO_REPORT_TEXT);
    expect(forChannel('可以问“总分对吗”，或输入 /check、/draft 存在问题。', 'wecom')).toBe('可以问“总分对吗”，或说「检查」「起草存在问题」。');
  });
});
