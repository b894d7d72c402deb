import type { DraftOptions, DraftSource, SectionDraft } from './draft-source.js';
import { enumerate, sentence } from './house-style.js';
import { findShortfalls } from './shortfalls.js';
import { quoted } from './report-remarks.js';

/** 存在问题: each real shortfall with its figures and the report's cause, 一是…二是…. */
export function draftProblems(source: DraftSource, options: DraftOptions = {}): SectionDraft {
  const shortfalls = findShortfalls(source);
  const computations = shortfalls.flatMap((s) => s.computations);
  const facts = shortfalls.map((s) => `${s.title}：${s.facts}${s.cause ? s.cause : ''}（依据第 ${[...new Set(s.lines)].join('、')} 行）`);
  const year = source.report.year;
  if (shortfalls.length === 0) {
    return {
      section: '存在问题',
      text: '经逐项核对，各考核指标均为满分，未发现需要列入存在问题的扣分项或数据矛盾。建议结合绩效目标的实际完成情况，如实补充管理中仍需改进的方面，避免以“无”代替。',
      computations,
      facts,
    };
  }
  const intro = `${year ? `${year}年度` : '本年度'}部门整体支出绩效管理中，主要存在以下问题：`;
  const points = shortfalls.map((s) =>
    options.shorter ? sentence(`${s.brief}${s.causes?.[0] ? `：${quoted(s.causes[0].text)}` : ''}`) : `${sentence(s.title)}${s.facts}${s.cause ?? ''}`,
  );
  return { section: '存在问题', text: `${intro}\n\n${enumerate(points)}`, computations, facts };
}
