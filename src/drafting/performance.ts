import { statedRateOf } from '../checks/rubric-rate.js';
import type { DraftOptions, DraftSource, SectionDraft } from './draft-source.js';
import { enumerate, sentence } from './house-style.js';
import { findSection } from './find-section.js';
import { queryOf } from '../report/query/report-query.js';


const RATE_INDICATORS = /重点工作完成率|绩效目标完成率|绩效目标覆盖率/u;

/** 主要绩效: the achievements the report itself lists (figures kept), led by its completion rates. */
export function draftPerformance(source: DraftSource, options: DraftOptions = {}): SectionDraft {
  const { report } = source;
  const facts: string[] = [];
  const rates = queryOf(report).indicators()
    .filter((n) => RATE_INDICATORS.test(n.name))
    .map((n) => {
      const rubric = source.rubricMatch.byIndicatorId.get(n.id);
      const stated = rubric ? statedRateOf(report, n, rubric) : null;
      if (!stated) return null;
      facts.push(`${n.name} ${stated.value}${stated.unit}（第 ${stated.line} 行）`);
      return `${n.name} ${stated.value}${stated.unit}`;
    })
    .filter((r): r is string => r !== null);
  const section = findSection(report.sections, /主要绩效/u);
  const paragraphs = section
    ? report.paragraphs.filter((p) => p.line > section.line && p.line <= section.endLine && p.text.trim().length > 0)
    : [];
  const points = paragraphs.map((p) => {
    facts.push(`${p.text}（第 ${p.line} 行）`);
    const body = p.text.replace(/^[一二三四五六七八九十]+是/u, '').trim();
    if (!options.shorter) return sentence(body);
    const first = body.split(/(?<=[。；])/u).find((s) => /\d/u.test(s)) ?? body.split(/(?<=[。；])/u)[0]!;
    return sentence(first.replace(/；$/u, ''));
  });
  if (rates.length > 0) points.unshift(`绩效目标全面完成，${rates.join('，')}。`);
  if (points.length === 0) {
    return {
      section: '主要绩效',
      text: '报告中没有找到“主要绩效”部分或可引用的完成率数据，无法起草。请补充年度重点工作的完成情况和量化成果。',
      computations: [],
      facts,
    };
  }
  const year = report.year ? `${report.year} 年` : '本年度';
  return { section: '主要绩效', text: `${year}，部门围绕年度重点工作，取得以下主要绩效：\n\n${enumerate(points)}`, computations: [], facts };
}
