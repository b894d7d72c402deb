import { beforeAll, describe, expect, it } from 'vitest';
import type { Rubric } from '../../src/model/index.ts';
import { loadRubric } from '../../src/rubric/load-rubric.ts';
import { createAssistant } from '../../src/assistant/conversation.ts';
import { createVolatileMemory } from '../../src/assistant/memory.ts';
import type { Reply } from '../../src/assistant/turn.ts';
import { readReportBytes } from '../../src/report/parse-report.ts';
import { TARGET_FORM, toDocx, toXlsx } from '../helpers/report-fixtures.ts';

/** Everything the user can read: the (short) text and, when it was shortened to ≤ 3 lines, its details (详情). */
const full = (reply: Reply): string => (reply.details ? `${reply.text}\n${reply.details}` : reply.text);

let rubric: Rubric;

beforeAll(async () => {
  rubric = await loadRubric();
});

async function tableAssistant(name: string, bytes: Uint8Array): Promise<(q: string) => Promise<Reply>> {
  const assistant = createAssistant({ rubric, memory: createVolatileMemory(), knowledge: null });
  const loaded = await assistant.handle({ text: '', user: 't', scope: 'public', thread: 't', attachments: [{ name, bytes }] });
  expect(loaded.text).toContain('已加载');
  return (text: string) => assistant.handle({ text, user: 't', scope: 'public', thread: 't', attachments: [] });
}

describe('a table report’s figures: row label + column header, with the cell', () => {
  it('figures of the national form carry the row label and column header as subject, and the column unit', async () => {
    const parsed = await readReportBytes('form.xlsx', await toXlsx([{ name: '自评表', table: TARGET_FORM }]));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const executed = parsed.report.figures.find((f) => f.subject === '年度资金总额全年执行数');
    expect(executed).toMatchObject({ value: '570', unit: '万元', table: { label: '年度资金总额', header: '全年执行数' } });
    expect(parsed.report.figures.find((f) => f.subject === '当年财政拨款全年预算数')?.value).toBe('520');
    expect(parsed.report.figures.find((f) => f.subject === '服务事项办理数实际完成值')).toMatchObject({ value: '5200', unit: '件' });
    expect(parsed.report.figures.find((f) => f.subject === '年度资金总额分值')).toMatchObject({ value: '10', unit: '' });
  });

  for (const format of ['xlsx', 'docx'] as const) {
    it(`${format}: “全年执行数是多少”, “财政拨款全年预算数是多少”, “服务事项办理数实际完成多少”, “执行率是多少” answer from the table with the cell`, async () => {
      const bytes = format === 'xlsx' ? await toXlsx([{ name: '自评表', table: TARGET_FORM }]) : await toDocx([{ table: TARGET_FORM }]);
      const ask = await tableAssistant(`form.${format}`, bytes);
      const place = format === 'xlsx' ? '自评表!E4' : '表 1 第 4 行第 5 列';
      const executed = await ask('全年执行数是多少');
      expect(executed.text).toContain(`年度资金总额全年执行数 570 万元（${place}）`);
      expect(executed.text).not.toContain('知识库');
      const fiscal = await ask('财政拨款全年预算数是多少');
      expect(fiscal.text.split('\n')[0]).toContain('当年财政拨款全年预算数 520 万元');
      const done = await ask('服务事项办理数实际完成多少');
      // The indicator's stated actual value with its own cell (实际完成值 column), not a threshold of a standard.
      expect(done.text.split('\n')[0]).toContain(`服务事项办理数：报告写明为 5200件（${format === 'xlsx' ? '自评表!F11' : '表 1 第 11 行第 6 列'}，实际完成值`);
      const rate = await ask('执行率是多少');
      expect(rate.text.split('\n')[0]).toMatch(/95%|95\.00%/u);
    });
  }
});

describe('the number guard and cell places', () => {
  it('digits of “表 1 第 4 行第 5 列” and “自评表!E4” are places, not figures', async () => {
    const { extractNumbers } = await import('../../src/assistant/guard/extract-numbers.ts');
    expect(extractNumbers('570 万元（表 1 第 4 行第 5 列）').map((m) => m.value)).toEqual(['570']);
    expect(extractNumbers('570 万元（自评表!E4）').map((m) => m.value)).toEqual(['570']);
  });
});

describe('lost points explained by the row’s own 评分标准', () => {
  it('the national form’s 预算执行率: 得分=分值×执行率 explains 10 → 9.5, no empty block name', async () => {
    const ask = await tableAssistant('form.xlsx', await toXlsx([{ name: '自评表', table: TARGET_FORM }]));
    const reply = await ask('哪些指标没满分');
    const budget = full(reply).split('\n\n').find((part) => /预算执行率\*\*（/u.test(part))!;
    expect(budget).toBeDefined();
    expect(budget).not.toContain('（，');
    expect(budget).toContain('10 × 95% = 9.5 分');
    expect(budget).not.toContain('报告没有写明扣分原因');
    expect(budget).not.toContain('评分细则中没有与“预算执行率”对应的指标');
    expect(full(reply)).not.toContain('待核实');
  });
});
