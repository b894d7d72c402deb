import { beforeAll, describe, expect, it } from 'vitest';
import type { Finding, Rubric } from '../../src/model/index.ts';
import { loadRubric } from '../../src/rubric/load-rubric.ts';
import { parseReportText, readReportBytes } from '../../src/report/parse-report.ts';
import { checkReport } from '../../src/checks/engine.ts';
import { draftSection, type DraftSource } from '../../src/drafting/draft-section.ts';
import { statedActualOf } from '../../src/drafting/indicator-truth.ts';
import { PHRASINGS_NARRATIVE, toDocx, toXlsx, type FixtureItem, type FixtureTable } from '../helpers/report-fixtures.ts';
import { REPORT_SHAPES, shapeFile } from '../helpers/report-shapes.ts';
import { queryOf } from '../../src/report/query/report-query.ts';

/**
 * 存在问题 and 相关建议 drafted from table reports built here: every number is the report's (or a calculation of this
 * draft), each deducted indicator is named with its stated value, no sentence is about another report (the sample's
 * 村（居）/编制人数), no measure is one template repeated per indicator, and the report with the draft added checks
 * the same as before.
 */

/** Another bureau's table: other indicators, other causes. */
const WATER: FixtureTable = [
  ['某县水利局2024年度部门整体支出绩效自评评分表', '<', '<', '<', '<', '<', '<'],
  ['一级指标', '二级指标', '三级指标', '分值', '评分标准', '自评得分', '扣分原因'],
  ['产出（60分）', '产出数量', '河道清淤完成率', '20', '得分=分值×完成率', '18', '河道清淤完成率为90%，汛期施工受阻'],
  ['^', '产出质量', '工程验收合格率', '20', '=100%得20分，每低1个百分点扣2分', '18', '工程验收合格率为99%，1处护坡需返工'],
  ['^', '产出时效', '项目按期完工率', '20', '≥95%得20分；<95%得10分', '20', ''],
  ['效益（40分）', '社会效益', '受益群众满意度', '40', '≥95%得40分，每低1个百分点扣2分', '38', '受益群众满意度为94%'],
  ['合计', '<', '<', '100', '', '94', ''],
];

const NOT_THIS_REPORT = /样例|乐昌|58\.48|村（居）|编制人数/u;

let rubric: Rubric;
interface Shape { label: string; source: DraftSource; items: FixtureItem[] | null; text: string | null }
const shapes: Shape[] = [];

async function fileShape(label: string, name: string, bytes: Uint8Array, items: FixtureItem[] | null): Promise<Shape> {
  const parsed = await readReportBytes(name, bytes);
  if (!parsed.ok) throw new Error(parsed.problems[0]?.message);
  const outcome = checkReport(parsed.report, rubric);
  return { label, source: { report: outcome.report, findings: outcome.findings, rubricMatch: outcome.rubricMatch }, items, text: null };
}

async function tableShape(label: string, name: string, table: FixtureTable, format: 'xlsx' | 'docx'): Promise<Shape> {
  const items: FixtureItem[] = [`${table[0]![0]}（报告）`, { table }];
  return fileShape(label, name, format === 'xlsx' ? await toXlsx([{ name: '自评表', table }]) : await toDocx(items), format === 'docx' ? items : null);
}

function textShape(label: string, text: string): Shape {
  const parsed = parseReportText(text, { name: 'report.txt' });
  if (!parsed.ok) throw new Error('unreadable');
  const outcome = checkReport(parsed.report, rubric);
  return { label, source: { report: outcome.report, findings: outcome.findings, rubricMatch: outcome.rubricMatch }, items: null, text };
}

const numbersIn = (text: string) => [...text.normalize('NFKC').matchAll(/(?<![\d.])\d+(?:\.\d+)?%?/gu)].map((m) => m[0]);
const serious = (findings: readonly Finding[]) => findings.filter((f) => f.severity !== 'info').map((f) => `${f.ruleId}:${f.message}`).sort();

beforeAll(async () => {
  rubric = await loadRubric();
  // The team's consistent shapes (test/helpers/report-shapes.ts) in a table format where they have one, another bureau's
  // table with causes beside its values, and a narrative with every score phrasing.
  for (const shape of REPORT_SHAPES) {
    const format = shape.formats.find((f) => f === 'docx') ?? shape.formats.find((f) => f === 'xlsx') ?? shape.formats[0]!;
    const file = await shapeFile(shape, shape.items, format);
    if (format === 'txt') shapes.push(textShape(shape.name, new TextDecoder().decode(file.bytes)));
    else shapes.push(await fileShape(`${shape.name} .${format}`, file.name, file.bytes, format === 'docx' ? shape.items : null));
  }
  shapes.push(await tableShape('water bureau table .docx', '水利局.docx', WATER, 'docx'));
  shapes.push(textShape('narrative .txt', PHRASINGS_NARRATIVE));
}, 120_000);

const water = () => shapes.find((s) => s.label.startsWith('water'))!;

describe('存在问题 on table reports', () => {
  it('names every deducted indicator with its stated value; every number is the report’s or this draft’s calculation', () => {
    for (const { label, source } of shapes) {
      const draft = draftSection('存在问题', source);
      const reportText = source.report.lines.join('\n').normalize('NFKC');
      const calculated = new Set(draft.computations.flatMap((c) => [c.shown, c.result, ...numbersIn(c.shown)]));
      for (const n of numbersIn(draft.text)) {
        expect(reportText.includes(n) || calculated.has(n) || /^\d{4}$/u.test(n), `${label}: ${n} in ${draft.text}`).toBe(true);
      }
      for (const node of queryOf(source.report).leaves().filter((l) => l.assessed && l.weight !== null && l.score !== null && l.score < l.weight)) {
        expect(draft.text, label).toContain(node.name);
        const actual = statedActualOf(source.report, node);
        if (actual && /%$/u.test(actual.text)) expect(draft.text, `${label}: ${node.name}`).toContain(actual.text.replace('%', ''));
      }
      expect(draft.text, label).not.toMatch(NOT_THIS_REPORT);
    }
  });

  it('states the report’s own cause (扣分原因) and no number of a standard as a finding', () => {
    const waterDraft = draftSection('存在问题', water().source).text;
    expect(waterDraft).toContain('汛期施工受阻');
    expect(waterDraft).toContain('1处护坡需返工');
    expect(waterDraft).toMatch(/受益群众满意度[^。]*94%/u);
    expect(waterDraft).not.toMatch(/评分标准为|基础数据前后不一致/u);
  });
});

describe('相关建议 on table reports', () => {
  it('one measure per problem, each about its own indicator, none a template repeated with another name', () => {
    for (const { label, source } of shapes) {
      const draft = draftSection('相关建议', source);
      expect(draft.text, label).not.toMatch(NOT_THIS_REPORT);
      const points = draft.text.split('\n\n').slice(1);
      const names = queryOf(source.report).leaves().map((n) => n.name).sort((a, b) => b.length - a.length);
      const skeletons = points.map((p) => names.reduce((t, name) => t.replaceAll(name, '＊'), p.replace(/^[一二三四五六七八九十]+是/u, '')).replace(/\d+(?:\.\d+)?%?/gu, '#'));
      expect(new Set(skeletons).size, `${label}: ${draft.text}`).toBe(skeletons.length);
    }
  });
});

describe('the report with its drafted sections added checks the same as before', () => {
  it.each(['湖南', 'water', 'narrative'])('%s', async (start) => {
    const shape = shapes.find((s) => s.label.startsWith(start))!;
    const problems = draftSection('存在问题', shape.source).text.split('\n\n');
    const suggestions = draftSection('相关建议', shape.source).text.split('\n\n');
    let parsed;
    if (shape.items) {
      parsed = await readReportBytes('with-draft.docx', await toDocx([...shape.items, { heading: '三、存在问题', level: 1 }, ...problems, { heading: '四、相关建议', level: 1 }, ...suggestions]));
    } else {
      parsed = parseReportText(`${shape.text}\n三、存在问题\n${problems.join('\n')}\n四、相关建议\n${suggestions.join('\n')}\n`, { name: 'with-draft.txt' });
    }
    if (!parsed.ok) throw new Error('unreadable');
    const after = checkReport(parsed.report, rubric);
    expect(serious(after.findings)).toEqual(serious(shape.source.findings));
  });
});
