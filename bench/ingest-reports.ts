/**
 * Many self-evaluation reports generated from data, for the batch and ingest benches: each report's department, year,
 * indicator scores, lost-point reasons and 存在问题 come from a seeded generator, so that a run of 2,000 reports is
 * the same on every machine while no two reports are alike. `reportSet(n)` is deterministic in `n` and `seed`.
 */

export interface GeneratedIndicator {
  block: string;
  name: string;
  weight: number;
  score: number;
  standard: string;
  /** Why points were lost (null at full marks). */
  reason: string | null;
}

export interface GeneratedReport {
  department: string;
  year: number;
  indicators: GeneratedIndicator[];
  /** Stated total: the sum of the scores (every generated report adds up). */
  total: number;
  text: string;
}

const COUNTIES = ['乐昌市', '仁化县', '始兴县', '南雄市', '翁源县', '新丰县', '乳源县', '曲江区', '浈江区', '武江区', '连州市', '阳山县', '英德市', '清新区', '佛冈县'];
const BUREAUS = ['政务服务和数据管理局', '财政局', '教育局', '民政局', '卫生健康局', '交通运输局', '水务局', '农业农村局', '自然资源局', '文化广电旅游体育局', '市场监督管理局', '司法局', '统计局', '林业局'];

/** The indicator system: block, name, weight, the standard and the reason written when points are lost. */
const SYSTEM: readonly { block: string; name: string; weight: number; standard: string; lost: (year: number) => string }[] = [
  { block: '预算编制', name: '预算编制科学性', weight: 8, standard: '预算编制依据充分、程序规范得满分，每发现一处不规范扣1分。', lost: (y) => `${y}年部分项目预算测算依据不充分，年中调整较多。` },
  { block: '预算编制', name: '绩效目标合理性', weight: 7, standard: '绩效目标明确、细化量化得满分，每有一个目标未量化扣1分。', lost: () => '部分项目绩效目标未细化量化。' },
  { block: '预算执行', name: '预算执行率', weight: 15, standard: '执行率≥90%得满分，每低1个百分点扣0.5分。', lost: (y) => `${y}年项目进度滞后，预算执行率未达到90%。` },
  { block: '预算执行', name: '政府采购执行率', weight: 5, standard: '政府采购执行率=实际采购金额÷采购预算×100%，≤100%得满分，超出不得分。', lost: (y) => `${y}年政府采购决算支出超出政府采购预算，原因是年中追加采购项目未调整预算。` },
  { block: '预算执行', name: '结转结余率', weight: 10, standard: '结转结余率≤10%得满分，每超1个百分点扣1分。', lost: () => '年末结转结余资金较多，结转结余率偏高。' },
  { block: '预算执行', name: '三公经费控制率', weight: 5, standard: '三公经费决算数≤预算数得满分，超支不得分。', lost: () => '公务接待费超出年初预算。' },
  { block: '资产管理', name: '资产管理规范性', weight: 10, standard: '资产账实相符、处置规范得满分，发现问题每处扣2分。', lost: () => '部分固定资产未及时登记入账。' },
  { block: '产出', name: '重点工作完成率', weight: 20, standard: '完成率100%得满分，每低1个百分点扣1分。', lost: (y) => `${y}年有个别重点工作未按计划完成。` },
  { block: '效果', name: '服务对象满意度', weight: 20, standard: '满意度≥95%得满分，每低1个百分点扣1分。', lost: () => '满意度调查结果未达到95%的目标值。' },
];

/** A small deterministic generator (mulberry32). */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export function departmentName(index: number): string {
  return `${COUNTIES[index % COUNTIES.length]}${BUREAUS[Math.floor(index / COUNTIES.length) % BUREAUS.length]}`;
}

/** One report: department `department`, year `year`, scores drawn from `seed` (halves only, so sums stay exact). */
export function generateReport(department: string, year: number, seed: number): GeneratedReport {
  const next = random(seed);
  const indicators = SYSTEM.map((item): GeneratedIndicator => {
    const lose = next() < 0.3 ? Math.min(item.weight, Math.ceil(next() * 4) / 2) : 0;
    const score = item.weight - lose;
    return { block: item.block, name: item.name, weight: item.weight, score, standard: item.standard, reason: lose > 0 ? item.lost(year) : null };
  });
  const total = indicators.reduce((sum, i) => sum + i.score * 2, 0) / 2;
  return { department, year, indicators, total, text: reportText(department, year, indicators, total) };
}

/** A narrative report (title with the department, 自评结论, 绩效分析 by block, 存在问题) from its indicators. */
export function reportText(department: string, year: number, indicators: readonly GeneratedIndicator[], total: number): string {
  const blocks = [...new Set(indicators.map((i) => i.block))];
  const numerals = ['一', '二', '三', '四', '五', '六'];
  const lines = [
    `${department}${year}年度部门整体支出绩效自评报告`,
    '一、部门基本情况',
    `${department}是负责本地区相关工作的政府工作部门，${year}年度共有在编人员${20 + (year % 7)}人。`,
    '二、自评结论',
    `经自评，本单位${year}年度部门整体支出绩效自评得分为${total}分。`,
    '三、绩效分析',
  ];
  blocks.forEach((block, b) => {
    const items = indicators.filter((i) => i.block === block);
    lines.push(`（${numerals[b]}）${block}（${items.reduce((n, i) => n + i.weight, 0)}分）`);
    items.forEach((item, k) => {
      lines.push(`${k + 1}.${item.name}（${item.weight}分）`);
      const said = item.reason ? `${item.reason}扣${item.weight - item.score}分，得${item.score}分。` : `已达到标准，得${item.score}分。`;
      lines.push(`评分标准：${item.standard}${said}`);
    });
  });
  const lost = indicators.filter((i) => i.reason);
  lines.push('四、存在问题');
  if (lost.length === 0) lines.push('各项指标均已达到标准，需继续保持。');
  lost.forEach((item, k) => lines.push(`${k + 1}.${item.reason}`));
  lines.push('五、相关建议');
  lines.push('加强预算编制和执行管理，提高资金使用效益。');
  return `${lines.join('\n')}\n`;
}

/** `count` reports over departments and years 2022–2025 (each department's years in a row). */
export function reportSet(count: number, seed = 2024): GeneratedReport[] {
  const years = [2022, 2023, 2024, 2025];
  return Array.from({ length: count }, (_, i) => generateReport(departmentName(Math.floor(i / years.length)), years[i % years.length]!, seed * 100_003 + i));
}
