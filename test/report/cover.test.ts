import { describe, expect, it } from 'vitest';
import { parseReportText } from '../../src/report/parse-report.js';
import { PHRASINGS_NARRATIVE } from '../helpers/report-fixtures.js';

function titleOf(text: string): string {
  const parsed = parseReportText(text);
  if (!parsed.ok) throw new Error(parsed.problems.map((p) => p.message).join());
  return parsed.report.title;
}

describe('report cover: the title', () => {
  const [first, ...rest] = PHRASINGS_NARRATIVE.split('\n');

  it('keeps a one-line title', () => {
    expect(titleOf(PHRASINGS_NARRATIVE)).toBe(first);
  });

  it('joins a title wrapped over two lines (as a PDF prints it)', () => {
    const wrapped = [first!.slice(0, 12), first!.slice(12), ...rest].join('\n');
    expect(titleOf(wrapped)).toBe(first);
  });

  it('does not glue a metadata line or a finished sentence onto the title', () => {
    expect(titleOf(['填报单位：某县某某服务中心', first, ...rest].join('\n'))).toBe(first);
    expect(titleOf(['内部资料。', first, ...rest].join('\n'))).toBe(first);
  });
});
