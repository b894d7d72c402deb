import { reportText, type GeneratedIndicator } from '../../bench/ingest-reports.ts';

/**
 * Three past reports written as data: two years of one department (清城区水务局 2023 and 2024) and one year of
 * another (清新区水务局 2024, written in other phrasings and without the department in its title). Tests compute
 * what they expect from these rows, never from the texts.
 */
export const WATER_A = '清远市清城区水务局';
export const WATER_B = '清远市清新区水务局';

const row = (block: string, name: string, weight: number, score: number, reason: string | null = null): GeneratedIndicator => ({
  block, name, weight, score, standard: `${name}按当地评分细则计分。`, reason,
});

export const A_2023: GeneratedIndicator[] = [
  row('预算执行', '预算执行率', 15, 15),
  row('预算执行', '政府采购执行率', 5, 3, '2023年政府采购决算支出68.20万元，超出政府采购预算62.00万元。'),
  row('预算执行', '结转结余率', 10, 10),
  row('效果', '服务对象满意度', 20, 19, '满意度调查结果为94%，未达到95%的目标值。'),
];

export const A_2024: GeneratedIndicator[] = [
  row('预算执行', '预算执行率', 15, 14, '第四季度工程款未能按期支付，预算执行率为88%。'),
  row('预算执行', '政府采购执行率', 5, 1, '2024年政府采购决算支出81.50万元，超出政府采购预算70.00万元，原因是防汛物资追加采购。'),
  row('预算执行', '结转结余率', 10, 10),
  row('效果', '服务对象满意度', 20, 20),
];

/** 清新区 2024: scores, weights and reasons as data; the text below writes them in other phrasings. */
export const B_2024 = [
  { name: '预算执行率', weight: 15, score: 15, reason: null },
  { name: '政府采购执行率', weight: 5, score: 2, reason: '全年政府采购预算45.00万元，实际采购支出51.30万元，超预算主要是河道监测设备追加采购，未及时调整采购预算' },
  { name: '结转结余率', weight: 10, score: 8, reason: '年末结转结余资金占比偏高' },
  { name: '服务对象满意度', weight: 20, score: 20, reason: null },
] as const;

const total = (rows: readonly { score: number }[]) => rows.reduce((n, r) => n + r.score, 0);

export const A_2023_TEXT = reportText(WATER_A, 2023, A_2023, total(A_2023));
export const A_2024_TEXT = reportText(WATER_A, 2024, A_2024, total(A_2024));

export const B_2024_TEXT = `2024年度部门整体支出绩效自评报告
部门名称：${WATER_B}
一、基本情况
本局负责全区水利工程建设和河道管理。
二、自评结果
本局2024年度部门整体支出绩效自评得分为${total(B_2024)}分。
三、指标分析
（一）预算执行情况（30分）
${B_2024.slice(0, 3).map((r, i) => `${i + 1}.${r.name}\n该项指标分值${r.weight}分，${r.reason ? `${r.reason}，自评得分${r.score}分。` : `完成年度目标，自评得分${r.score}分。`}`).join('\n')}
（二）效果情况（20分）
1.${B_2024[3].name}（${B_2024[3].weight}分）
群众满意度调查为97%，评分${B_2024[3].score}分。
四、存在问题
政府采购预算编制不够精准。
`;
