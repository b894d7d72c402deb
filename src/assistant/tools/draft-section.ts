import { tool } from 'langchain';
import { z } from 'zod';
import { draftSection } from '../../drafting/draft-section.js';
import { SECTION_KINDS } from '../../drafting/section-kinds.js';
import { toolJson, type ToolState } from './tool-state.js';

/** draft_section: the template draft of a section with its facts; the model may polish it without new numbers. */
export function draftSectionTool(state: ToolState) {
  return tool(
    async ({ section, shorter }) => {
      const report = state.context.report;
      if (!report) return toolJson({ error: '没有加载报告' });
      const draft = draftSection(section, report, { shorter: shorter ?? false });
      state.computations.push(...draft.computations);
      state.drafts.push({ section, text: draft.text });
      return toolJson({ section, draft: draft.text, facts: draft.facts });
    },
    {
      name: 'draft_section',
      description: '按报告的数据和检查结果起草一个章节（存在问题、相关建议、自评结论、部门整体收支情况、主要绩效），返回模板草稿和所依据的事实。',
      schema: z.object({
        section: z.enum(SECTION_KINDS),
        shorter: z.boolean().optional().describe('是否写精简版'),
      }),
    },
  );
}
