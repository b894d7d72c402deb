import { tool } from 'langchain';
import { z } from 'zod';
import { draftSection } from '../../drafting/draft-section.js';
import { SECTION_KINDS } from '../../drafting/section-kinds.js';
import { DRAFT_STORE_DOWN, lookUpPreviousYear, quotedOf, RECTIFICATION_STORE_DOWN } from '../previous-year-lookup.js';
import { toolJson, type ToolState } from './tool-state.js';

/**
 * draft_section: the template draft of a section with its facts; the model may polish it without new numbers.
 * Sections that use last year's report find it in the knowledge base as the offline draft does; its quoted passages
 * become citations (and evidence for the guard).
 */
export function draftSectionTool(state: ToolState) {
  return tool(
    async ({ section, shorter }) => {
      const { report, knowledge, scope } = state.context;
      if (!report) return toolJson({ error: '没有加载报告' });
      const lookup = await lookUpPreviousYear(knowledge, scope, section, report.report);
      if (lookup.failed && section === '上年问题整改情况') return toolJson({ error: RECTIFICATION_STORE_DOWN });
      const previousYear = lookup.previousYear;
      const draft = draftSection(section, previousYear ? { ...report, previousYear } : report, { shorter: shorter ?? false });
      const quoted = quotedOf(draft);
      state.citations.push(...quoted.citations);
      state.texts.push(...quoted.places);
      state.computations.push(...draft.computations);
      state.drafts.push({ section, text: draft.text });
      return toolJson({ section, draft: draft.text, facts: draft.facts, ...(lookup.failed ? { note: DRAFT_STORE_DOWN } : {}) });
    },
    {
      name: 'draft_section',
      description:
        '按报告的数据和检查结果起草一个章节（存在问题、相关建议、自评结论、部门整体收支情况、主要绩效、上年问题整改情况），返回模板草稿和所依据的事实；' +
        '上年问题整改情况、自评结论和收支情况对照知识库里同一单位的上年报告。',
      schema: z.object({
        section: z.enum(SECTION_KINDS),
        shorter: z.boolean().optional().describe('是否写精简版'),
      }),
    },
  );
}
