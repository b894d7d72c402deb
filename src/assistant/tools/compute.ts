import { tool } from 'langchain';
import { z } from 'zod';
import { dec, type Dec } from '../../model/decimal.js';
import { differenceOf, percentOf, ratioOf, sumOf, type Computation } from '../../model/computation.js';
import { traceNumbers } from '../guard/number-trace.js';
import { evidenceOf, toolJson, type ToolState } from './tool-state.js';

const OperandSchema = z.object({
  figure: z.string().optional().describe('报告数字的 id（lookup_indicator 返回的 figures[].id，如 "L125#3"）'),
  value: z.string().regex(/^-?\d+(\.\d+)?$/u).optional().describe('或直接给数值（必须是报告或工具结果中出现过的数）'),
  unit: z.string().optional().describe('单位，如 万元、%、分、人'),
});

type OperandInput = z.infer<typeof OperandSchema>;

/** Resolve an operand to a value the guard can trace, or say why not. */
function resolveOperand(state: ToolState, operand: OperandInput): { value: Dec; unit: string } | { error: string } {
  if (operand.figure) {
    const figure = state.context.report?.report.figures.find((f) => f.id === operand.figure);
    if (!figure) return { error: `报告中没有 id 为 ${operand.figure} 的数字` };
    return { value: dec(figure.value), unit: figure.unit };
  }
  if (operand.value === undefined) return { error: '每个运算数都要给 figure 或 value' };
  const unit = operand.unit ?? '';
  const written = `${operand.value}${unit === '%' ? '%' : unit ? ` ${unit}` : ''}`;
  const traced = traceNumbers(written, evidenceOf(state));
  if (!traced.ok) return { error: `数值 ${written} 在报告、检查结果和引文中找不到，不能用于计算` };
  return { value: dec(operand.value), unit };
}

/** compute: decimal arithmetic on named figures (percent, ratio, sum, difference), recorded for the guard. */
export function computeTool(state: ToolState) {
  return tool(
    async ({ operation, operands, decimals }) => {
      const resolved = operands.map((o) => resolveOperand(state, o));
      const failed = resolved.find((r): r is { error: string } => 'error' in r);
      if (failed) return toolJson({ error: failed.error });
      const values = resolved as { value: Dec; unit: string }[];
      let computation: Computation | null = null;
      if (operation === 'sum') {
        computation = sumOf(values.map((v) => v.value), values[0]?.unit ?? '');
      } else {
        if (values.length !== 2) return toolJson({ error: `${operation} 需要正好两个运算数` });
        const [a, b] = values as [{ value: Dec; unit: string }, { value: Dec; unit: string }];
        computation =
          operation === 'percent'
            ? percentOf(a, b, decimals ?? 2)
            : operation === 'ratio'
              ? ratioOf(a, b, decimals ?? 2)
              : differenceOf(a, b);
      }
      if (!computation) return toolJson({ error: '除数为 0，无法计算' });
      state.computations.push(computation);
      return toolJson({ expression: computation.expression, result: computation.shown });
    },
    {
      name: 'compute',
      description:
        '用十进制精确计算：percent（a ÷ b × 100%）、ratio（a ÷ b）、sum（求和）、difference（a − b）。运算数用报告数字的 id 或报告中出现过的数值。回答里出现的任何计算结果都必须先用它算出来。',
      schema: z.object({
        operation: z.enum(['percent', 'ratio', 'sum', 'difference']),
        operands: z.array(OperandSchema).min(1).max(30),
        decimals: z.number().int().min(0).max(6).optional().describe('结果保留几位小数，默认 2'),
      }),
    },
  );
}
