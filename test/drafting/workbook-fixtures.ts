import type { Rubric, RubricIndicator } from '../../src/model/index.js';
import { templateData } from '../../src/drafting/workbook/template-data.js';
import { writeFiguresWorkbook } from '../../src/drafting/workbook/write-workbook.js';

type Tree = [name: string, weight: number, children?: Tree[]];

function indicator(path: string[], [name, weight, children = []]: Tree): RubricIndicator {
  const id = [...path, name].join('/');
  return { id, name, aliases: [], weight, definition: '', sources: [], children: children.map((c) => indicator([...path, name], c)) };
}

/** A rubric of another indicator system (投入 / 过程 / 产出 / 效果), invented for tests. */
export function inputProcessOutputRubric(): Pick<Rubric, 'indicators'> {
  const tree: Tree[] = [
    ['投入', 20, [['预算编制', 10, [['预算编制科学性', 4], ['目标设置合理性', 6]]], ['资金落实', 10, [['资金到位率', 10]]]]],
    ['过程', 30, [['资金管理', 20, [['预算执行率', 10], ['资金使用合规性', 10]]], ['组织实施', 10, [['管理制度健全性', 5], ['制度执行有效性', 5]]]]],
    ['产出', 25, [['实际完成率', 10], ['完成及时性', 5], ['质量达标率', 10]]],
    ['效果', 25, [['社会效益', 15], ['服务对象满意度', 10]]],
  ];
  return { indicators: tree.map((t) => indicator([], t)) };
}

/** Scores, reasons and evidence for the invented 投入/过程/产出/效果 unit, keyed by leaf name. */
export const INVENTED_SCORES: Record<string, { score?: number; reason?: string; evidence: string; assessed?: false }> = {
  预算编制科学性: { score: 4, evidence: '预算编制依据充分，项目测算细化到具体任务。' },
  目标设置合理性: { score: 5, reason: '部分绩效目标未量化', evidence: '年度绩效目标与职责相符，但部分目标未设置量化指标。' },
  资金到位率: { score: 10, evidence: '上级补助资金全部按时到位。' },
  预算执行率: { score: 8, reason: '年末仍有项目资金未支出', evidence: '全年预算执行进度总体平稳。' },
  资金使用合规性: { score: 10, evidence: '资金使用符合财经制度规定，无截留挪用。' },
  管理制度健全性: { score: 5, evidence: '制定了资金管理和项目管理办法。' },
  制度执行有效性: { assessed: false, reason: '本年度无需执行的专项制度，本项不考核。', evidence: '' },
  实际完成率: { score: 10, evidence: '完成农田水利设施维修 36 处，完成率 100%。' },
  完成及时性: { score: 5, evidence: '各项任务均在计划时间内完成。' },
  质量达标率: { score: 9, reason: '2 处设施验收时需要整改', evidence: '设施维修验收合格 34 处。' },
  社会效益: { score: 15, evidence: '改善灌溉面积约 1200 亩，受益农户 860 户。' },
  服务对象满意度: { score: 9, reason: '满意度调查为 91%', evidence: '开展问卷调查，回收有效问卷 200 份。' },
};

/** The template of that rubric, as bytes, ready to be filled in with exceljs like a person would in Excel. */
export async function inventedTemplate(): Promise<Buffer> {
  return writeFiguresWorkbook(templateData(inputProcessOutputRubric()));
}
