import { tool } from 'langchain';
import { z } from 'zod';
import { toQuoted } from '../answers/answer.js';
import { toolJson, type ToolState } from './tool-state.js';

/** Longest quote kept as evidence: the whole chunk, so any number the model reads in it can be traced. */
const QUOTE_LIMIT = 1200;

/** search_knowledge: ranked passages of the knowledge base (scoring rules, guides, past reports) with their sources. */
export function searchKnowledgeTool(state: ToolState) {
  return tool(
    async ({ query, k }) => {
      const knowledge = state.context.knowledge;
      if (!knowledge) return toolJson({ error: '没有可用的知识库' });
      const { results, mode } = await knowledge.search(query, { scope: state.context.scope, k: k ?? 4 });
      const quoted = results.map((r) => toQuoted(r, QUOTE_LIMIT));
      state.citations.push(...quoted);
      return toolJson({
        mode,
        results: results.map((r, i) => ({ source: r.source, title: r.title, section: r.sectionPath.join(' › '), line: r.lineStart, text: quoted[i]!.quote })),
      });
    },
    {
      name: 'search_knowledge',
      description: '检索知识库（评分规则指南、术语表、报告结构说明、已导入的往年报告）。返回最相关的段落、出处文件和行号。回答规则问题时必须引用这些出处。',
      schema: z.object({
        query: z.string().min(1).describe('检索问题，用中文关键词，例如“政府采购执行率 计算公式”'),
        k: z.number().int().min(1).max(8).optional().describe('返回条数，默认 4'),
      }),
    },
  );
}
