import { describe, expect, it } from 'vitest';
import type { DocumentLocation, Finding } from '../../../src/model/index.js';
import { commentParagraphs, inCommentTerms } from '../../../src/checks/annotate/comment-text.js';

/**
 * A Word or Excel comment is read beside the place it is anchored on: no rule ids, no "第 185 行" of a line view a
 * reviewer cannot count to. Lines of a table become the table's own place; the anchored line is "此处"; any other
 * paragraph is "另一处" (or dropped from a list).
 */

const finding = (message: string, line: number, extra: Partial<Finding> = {}): Finding => ({
  ruleId: 'consistency/same-quantity', severity: 'warning', message, line, sectionPath: [], ...extra,
});

const text: { lineLocations: DocumentLocation[] } = { lineLocations: [] }; // a .txt turned into a .docx: no table places
const docx = { lineLocations: [{ paragraph: 1 }, { table: 1, row: 1 }, { table: 1, row: 2 }, { table: 1, row: 3 }, { paragraph: 2 }] };
const xlsx = { lineLocations: [{ sheet: '自评表', row: 1 }, { sheet: '自评表', row: 2 }, { sheet: '自评表', row: 3 }] };

describe('inCommentTerms', () => {
  const cases: { label: string; message: string; line: number; report: { lineLocations: DocumentLocation[] }; expected: string }[] = [
    { label: 'a list of other paragraphs is dropped', message: '“村（居）”写作 225 个（第 43、51 行）、253 个（第 185 行）。', line: 185, report: text, expected: '“村（居）”写作 225 个、253 个。' },
    { label: 'inline own line → 此处, other → 另一处', message: '第 165 行写核定编制数 19 人，第 12 行写 18 人', line: 165, report: text, expected: '此处写核定编制数 19 人，另一处写 18 人' },
    { label: 'table rows become the table place', message: '表格写 2 分（第 3 行），正文写 3 分（第 5 行）', line: 5, report: docx, expected: '表格写 2 分（表 1 第 2 行），正文写 3 分' },
    { label: 'a sheet row keeps its sheet', message: '与第 2 行不一致', line: 3, report: xlsx, expected: '与自评表 第 2 行不一致' },
    { label: 'a list that mixes table rows and paragraphs is dropped', message: '写作 95%（第 2、5 行）', line: 4, report: docx, expected: '写作 95%' },
  ];
  it.each(cases)('$label', ({ message, line, report, expected }) => {
    expect(inCommentTerms(message, { line }, report)).toBe(expected);
  });
});

describe('commentParagraphs', () => {
  it('has the message, expected vs reported and the formula, never the rule id or a bare line number', () => {
    const paragraphs = commentParagraphs(finding('“村（居）”写作 225 个（第 43、51 行）、253 个（第 185 行）。', 185, { expected: '225个', actual: '253个', formula: '9 + 9 = 18' }), text);
    const all = paragraphs.join('\n');
    expect(all).toContain('应为 225个；报告 253个');
    expect(all).toContain('算式：9 + 9 = 18');
    expect(all).not.toMatch(/consistency\/|score\/|formula\/|规则 /u);
    expect(all).not.toMatch(/第\s*\d+\s*行/u);
  });

  it('does not repeat a formula the message already states', () => {
    const paragraphs = commentParagraphs(finding('合计 40 + 40 = 80 分，不等于 100 分。', 2, { formula: '40 + 40 = 80', ruleId: 'score/weights-sum', severity: 'error' }), docx);
    expect(paragraphs.filter((p) => p.includes('40 + 40 = 80'))).toHaveLength(1);
  });
});
