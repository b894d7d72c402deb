/** The narrative sections selfeval can draft, named as in the report's outline. */
export const SECTION_KINDS = ['存在问题', '相关建议', '自评结论', '部门整体收支情况', '主要绩效', '上年问题整改情况'] as const;
export type SectionKind = (typeof SECTION_KINDS)[number];

export function isSectionKind(value: string): value is SectionKind {
  return (SECTION_KINDS as readonly string[]).includes(value);
}
