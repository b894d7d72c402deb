import { reportText, type GeneratedIndicator } from '../../bench/ingest-reports.ts';
import { toDocx, type FixtureItem, type FixtureTable } from '../helpers/report-fixtures.ts';

/**
 * Two departments' reports of two years each, in two shapes, written as data (names and figures invented), plus a
 * neighbour of each with the same indicators but its own problems (it must never leak into a draft):
 * - a narrative .txt (bench/ingest-reports.ts reportText) with income/spending lines and a 整改 paragraph this year;
 * - the national 部门整体支出绩效自评表 as a .docx table, 存在问题 written as 一是…二是…三是 in one paragraph.
 * Tests compute what they expect from these rows and texts, never from the drafter.
 */

export interface PastFixtureFile {
  name: string;
  bytes: Uint8Array;
}

export interface YearData {
  year: number;
  file: string;
  /** Each scored indicator: name, weight, score, reason (null at full marks), stated actual value (form only). */
  indicators: { name: string; weight: number; score: number; reason: string | null; actual?: string }[];
  /** The 存在问题 this year's report writes, one by one (the text as written, without numbering). */
  problems: string[];
  income?: string; // 总收入决算数, 万元
  spending?: string; // 总支出决算数, 万元
}

export interface DepartmentCase {
  shape: string;
  department: string;
  lastYear: YearData;
  thisYear: YearData;
  /** A sentence this year's report writes about a problem of last year (quoted back), and the problem it is about. */
  action: { problem: number; text: string } | null;
  /** For each of last year's problems, the indicator it is about (null: none). */
  tied: (string | null)[];
  /** Another department, same year as lastYear, same indicators: nothing of it may appear. */
  neighbour: { department: string; year: YearData };
  files(): Promise<PastFixtureFile[]>;
}

// ---------- 1. narrative .txt ----------

const gen = (block: string, name: string, weight: number, score: number, reason: string | null = null): GeneratedIndicator => ({
  block, name, weight, score, standard: `${name}按当地评分细则计分。`, reason,
});

/** reportText with an income/spending line, extra problems and an extra closing paragraph, all from data. */
export function narrative(department: string, data: YearData, extraProblems: string[], closing: string | null): string {
  const rows = data.indicators.map((i) => gen(i.name.includes('满意') ? '效果' : '预算执行', i.name, i.weight, i.score, i.reason));
  const total = rows.reduce((n, r) => n + r.score, 0);
  const lines = reportText(department, data.year, rows, total).trimEnd().split('\n');
  const money = `${data.year}年度总收入决算数${data.income}万元，总支出决算数${data.spending}万元。`;
  lines.splice(lines.indexOf('一、部门基本情况') + 2, 0, money);
  const advice = lines.indexOf('五、相关建议');
  const numbered = data.indicators.filter((i) => i.reason).length;
  lines.splice(advice, 0, ...extraProblems.map((p, k) => `${numbered + k + 1}.${p}`));
  if (closing) lines.push('六、上年问题整改情况', closing);
  return `${lines.join('\n')}\n`;
}

const TRANSPORT = '某市某区交通运输局';
const TRANSPORT_2023: YearData = {
  year: 2023,
  file: 'transport-2023.txt',
  indicators: [
    { name: '预算执行率', weight: 15, score: 15, reason: null },
    { name: '政府采购执行率', weight: 5, score: 3, reason: '2023年政府采购决算支出68.20万元，超出政府采购预算62.00万元。' },
    { name: '结转结余率', weight: 10, score: 10, reason: null },
    { name: '服务对象满意度', weight: 20, score: 19, reason: '满意度调查结果为94%，未达到95%的目标值。' },
  ],
  problems: [],
  income: '1200.00',
  spending: '1150.00',
};
export const TRANSPORT_EXTRA = '部分科室固定资产登记不及时。';
TRANSPORT_2023.problems = [...TRANSPORT_2023.indicators.filter((i) => i.reason).map((i) => i.reason!), TRANSPORT_EXTRA];

const TRANSPORT_2024: YearData = {
  year: 2024,
  file: 'transport-2024.txt',
  indicators: [
    { name: '预算执行率', weight: 15, score: 14, reason: '第四季度工程款未能按期支付，预算执行率为88%。' },
    { name: '政府采购执行率', weight: 5, score: 5, reason: null },
    { name: '结转结余率', weight: 10, score: 10, reason: null },
    { name: '服务对象满意度', weight: 20, score: 20, reason: null },
  ],
  problems: ['第四季度工程款未能按期支付，预算执行率为88%。'],
  income: '1320.50',
  spending: '1288.00',
};
const TRANSPORT_ACTION = '针对上年政府采购决算支出超出政府采购预算的问题，已修订政府采购预算编制办法，年中按规定调整采购预算。';

const TRANSPORT_NEIGHBOUR = '某市某县交通运输局';
const TRANSPORT_NEIGHBOUR_2023: YearData = {
  year: 2023,
  file: 'neighbour-transport-2023.txt',
  indicators: [
    { name: '预算执行率', weight: 15, score: 12, reason: '县道改造工程延期，预算执行率仅为79.50%。' },
    { name: '政府采购执行率', weight: 5, score: 2, reason: '2023年政府采购决算支出99.90万元，超出政府采购预算88.80万元。' },
    { name: '结转结余率', weight: 10, score: 10, reason: null },
    { name: '服务对象满意度', weight: 20, score: 20, reason: null },
  ],
  problems: [],
  income: '777.70',
  spending: '766.60',
};

export const NARRATIVE_CASE: DepartmentCase = {
  shape: 'narrative .txt',
  department: TRANSPORT,
  lastYear: TRANSPORT_2023,
  thisYear: TRANSPORT_2024,
  action: { problem: 0, text: TRANSPORT_ACTION },
  tied: ['政府采购执行率', '服务对象满意度', null],
  neighbour: { department: TRANSPORT_NEIGHBOUR, year: TRANSPORT_NEIGHBOUR_2023 },
  async files() {
    const utf8 = (text: string) => new TextEncoder().encode(text);
    return [
      { name: TRANSPORT_2023.file, bytes: utf8(narrative(TRANSPORT, TRANSPORT_2023, [TRANSPORT_EXTRA], null)) },
      { name: TRANSPORT_2024.file, bytes: utf8(narrative(TRANSPORT, TRANSPORT_2024, [], TRANSPORT_ACTION)) },
      { name: TRANSPORT_NEIGHBOUR_2023.file, bytes: utf8(narrative(TRANSPORT_NEIGHBOUR, TRANSPORT_NEIGHBOUR_2023, [], null)) },
    ];
  },
};

// ---------- 2. national 自评表 as a .docx table ----------

const LEVELS: Record<string, [string, string]> = {
  农机购置补贴发放户数: ['产出指标', '数量指标'],
  补贴发放准确率: ['产出指标', '质量指标'],
  补贴资金按时拨付率: ['产出指标', '时效指标'],
  农户满意度: ['满意度指标', '服务对象满意度指标'],
};
const TARGETS: Record<string, string> = { 农机购置补贴发放户数: '≥1200户', 补贴发放准确率: '100%', 补贴资金按时拨付率: '≥95%', 农户满意度: '≥90%' };

/** The form (budget block 9.5 of 10 + indicators of 90), 存在问题 as one 一是…二是… paragraph, and extra paragraphs. */
function form(department: string, data: YearData, extra: FixtureItem[]): FixtureItem[] {
  const total = 9.5 + data.indicators.reduce((n, i) => n + i.score, 0);
  const table: FixtureTable = [
    [`${data.year}年度部门整体支出绩效自评表`, '<', '<', '<', '<', '<', '<', '<', '<'],
    ['部门名称', department, '<', '<', '<', '<', '<', '<', '<'],
    ['年度预算执行情况（万元）', '', '年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分', ''],
    ['^', '年度资金总额', '500', '600', '570', '10', '95%', '9.5', ''],
    ['绩效指标', '一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施'],
    ...data.indicators.map((i) => ['^', ...LEVELS[i.name]!, i.name, TARGETS[i.name]!, i.actual!, String(i.weight), String(i.score), i.reason ?? '']),
    ['总分', '<', '<', '<', '<', '<', '100', String(total), ''],
  ];
  const ordinals = ['一', '二', '三', '四'];
  return [
    { table },
    { heading: '存在问题', level: 1 },
    data.problems.map((p, k) => `${ordinals[k]}是${p.replace(/。$/u, '')}`).join('；') + '。',
    ...extra,
  ];
}

const FARM = '某县农业农村局';
const FARM_2023: YearData = {
  year: 2023,
  file: 'farm-2023.docx',
  indicators: [
    { name: '农机购置补贴发放户数', weight: 20, score: 18, reason: '补贴资金下达较晚，部分农户未能在年内完成申领', actual: '1100户' },
    { name: '补贴发放准确率', weight: 20, score: 20, reason: null, actual: '100%' },
    { name: '补贴资金按时拨付率', weight: 10, score: 8, reason: '第四季度资金拨付滞后，按时拨付率为90%', actual: '90%' },
    { name: '农户满意度', weight: 40, score: 40, reason: null, actual: '92%' },
  ],
  problems: ['农机购置补贴资金下达较晚，部分农户未能在年内完成申领', '第四季度资金拨付滞后，按时拨付率为90%', '档案管理不够规范'],
};
const FARM_2024: YearData = {
  year: 2024,
  file: 'farm-2024.docx',
  indicators: [
    { name: '农机购置补贴发放户数', weight: 20, score: 20, reason: null, actual: '1250户' },
    { name: '补贴发放准确率', weight: 20, score: 20, reason: null, actual: '100%' },
    { name: '补贴资金按时拨付率', weight: 10, score: 9, reason: '个别乡镇资金拨付仍有滞后，按时拨付率为93%', actual: '93%' },
    { name: '农户满意度', weight: 40, score: 40, reason: null, actual: '95%' },
  ],
  problems: ['个别乡镇资金拨付仍有滞后'],
};
const FARM_ACTION = '针对上年农机购置补贴资金下达较晚的问题，已提前下达补贴资金，全年补贴发放户数1250户。';

const FOREST = '某县林业局';
const FOREST_2023: YearData = {
  year: 2023,
  file: 'forest-2023.docx',
  indicators: [
    { name: '农机购置补贴发放户数', weight: 20, score: 15, reason: '林业补贴资金下达较晚，申领户数仅为870户', actual: '870户' },
    { name: '补贴发放准确率', weight: 20, score: 19, reason: '发现3户信息错误', actual: '97%' },
    { name: '补贴资金按时拨付率', weight: 10, score: 10, reason: null, actual: '96%' },
    { name: '农户满意度', weight: 40, score: 40, reason: null, actual: '91%' },
  ],
  problems: ['林业补贴资金下达较晚，申领户数仅为870户', '补贴对象信息审核不严'],
};

export const FORM_CASE: DepartmentCase = {
  shape: 'national 自评表 .docx',
  department: FARM,
  lastYear: FARM_2023,
  thisYear: FARM_2024,
  action: { problem: 0, text: FARM_ACTION },
  tied: ['农机购置补贴发放户数', '补贴资金按时拨付率', null],
  neighbour: { department: FOREST, year: FOREST_2023 },
  async files() {
    return [
      { name: FARM_2023.file, bytes: await toDocx(form(FARM, FARM_2023, [])) },
      { name: FARM_2024.file, bytes: await toDocx(form(FARM, FARM_2024, [{ heading: '上年问题整改情况', level: 1 }, FARM_ACTION])) },
      { name: FOREST_2023.file, bytes: await toDocx(form(FOREST, FOREST_2023, [])) },
    ];
  },
};

export const CASES = [NARRATIVE_CASE, FORM_CASE];
