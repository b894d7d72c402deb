import { defineRule } from '../../define-rule.js';
import { decimalsOf, matchesStated } from '../../../model/decimal.js';
import { coreSubject, isQuantity } from '../../../report/figure-words.js';
import { linesText, relatedLines } from '../../report-lines.js';
import { STATED_VALUE_ROLES, type Figure, type Finding } from '../../../model/index.js';

const ID = 'consistency/same-quantity';

/** Counters of things that exist in a fixed number (villages, machines, units), not of work done. */
const ENTITY_UNITS = new Set(['个', '台', '家', '所', '处', '套', '辆', '座']);
/** Subjects that count a subset or a change, not the whole population. */
const NOT_WHOLE = /其中|新增|新建|累计|增加|减少|近|约/u;
const GENERIC_SUBJECTS = /^(?:决算数|预算数|自评得分|指标分值|得分|分值|合计|总计|数量)$/u;
/**
 * "“三公”经费预算80.00万元，实际支出68.00万元": a short 实际…/已… subject is the actual of what its sentence named
 * before, not a name of its own — two of them in different sentences are not one quantity.
 */
const ELLIPTICAL_SUBJECT = /^(?:实际|已)\p{Script=Han}{0,4}$/u;
const HAN = /\p{Script=Han}/u;

interface Keyed { key: string; label: string; figure: Figure }

/** "村（居）五级电子政务外网" → key "村居", label "村（居）". */
function objectKey(object: string): { key: string; label: string } | null {
  const text = object.replace(/^[“”"'‘’《]+/u, '').replace(/^(?:和|与|及|的)/u, '');
  if (!HAN.test(text[0] ?? '')) return null;
  let key = '';
  let end = 0;
  while (end < text.length && key.length < 2) {
    const ch = text[end]!;
    if (HAN.test(ch)) key += ch;
    else if (!/[（(“”"]/u.test(ch)) break;
    end += 1;
  }
  if (key.length < 2) return null;
  if (text[end] === '）' || text[end] === ')') end += 1;
  return { key, label: text.slice(0, end).replace(/[“”"]/gu, '') };
}

function keyed(figures: readonly Figure[]): Keyed[] {
  const out: Keyed[] = [];
  for (const figure of figures) {
    if (!isQuantity(figure) || figure.unit === '' || figure.unit === '分' || !STATED_VALUE_ROLES.has(figure.role)) continue; // a standard's threshold, a target, a weight: not a stated quantity
    const core = coreSubject(figure.subject);
    const k = ENTITY_UNITS.has(figure.unit) && !NOT_WHOLE.test(figure.subject) ? objectKey(figure.object) : null;
    if (k) out.push({ key: `o:${k.key}|${figure.unit}`, label: k.label, figure });
    else if (!/^其中/u.test(figure.subject) && core.length >= 4 && !GENERIC_SUBJECTS.test(core) && !ELLIPTICAL_SUBJECT.test(core) && HAN.test(core)) {
      out.push({ key: `s:${core}|${figure.unit}`, label: core, figure });
    }
  }
  return out;
}

/** The same value, one written to fewer places: the shorter is the longer rounded ("96.5" / "96.48", "1200" / "1200.00"). */
function sameValue(a: string, b: string): boolean {
  const [short, long] = decimalsOf(a) <= decimalsOf(b) ? [a, b] : [b, a];
  return matchesStated(short, long);
}

function commonPrefix(texts: readonly string[]): string {
  let prefix = texts[0] ?? '';
  for (const text of texts) while (!text.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return prefix;
}

export default defineRule({
  id: ID,
  title: '同一数量前后一致',
  description: '同一个数量（如全市村（居）个数、自助机台数、同一比率）在报告不同位置应写同一个数；评分标准、目标值里的数（阈值、分档）不是所述的数量，不参与比较。',
  severity: 'warning',
  check(report) {
    const groups = new Map<string, Keyed[]>();
    for (const item of keyed(report.figures)) {
      const group = groups.get(item.key);
      if (group) group.push(item);
      else groups.set(item.key, [item]);
    }
    const findings: Finding[] = [];
    for (const items of groups.values()) {
      const firstValue = items[0]!.figure.value;
      if (items.every((i) => i.figure.value === firstValue)) continue; // written the same everywhere
      // One value written with more places or trailing zeros (1200 and 1200.00 万元, 96.48% and 96.5%) is one value.
      const linesByValue = new Map<string, number[]>();
      for (const { figure } of items) {
        const key = [...linesByValue.keys()].find((k) => sameValue(k, figure.value)) ?? figure.value;
        const lines = linesByValue.get(key);
        if (lines) lines.push(figure.line);
        else linesByValue.set(key, [figure.line]);
      }
      if (linesByValue.size < 2) continue;
      const keyLabel = items.map((i) => i.label).sort((a, b) => b.length - a.length)[0]!;
      const shared = commonPrefix(items.map((i) => i.figure.object.replace(/[“”"《》]/gu, ''))).replace(/[，。、；（(]+$/u, '').slice(0, 10);
      const label = items[0]!.key.startsWith('o:') && shared.length > keyLabel.length ? shared : keyLabel;
      const unit = items[0]!.figure.unit;
      const parts = [...linesByValue].map(([v, lines]) => `${v}${unit === '%' ? '%' : ` ${unit}`}（${linesText(lines)}）`);
      const firstOdd = items.find((i) => !sameValue(i.figure.value, items[0]!.figure.value))!.figure;
      findings.push({
        ruleId: ID, severity: 'warning', line: firstOdd.line, column: firstOdd.column, sectionPath: firstOdd.sectionPath,
        message: `同一数量前后写法不一致：“${label}”写作 ${parts.join('、')}。请核实哪个数字准确并统一。`,
        expected: `${items[0]!.figure.value}${unit}`, actual: `${firstOdd.value}${unit}`,
        related: relatedLines(report, items.map((i) => ({ line: i.figure.line, focus: i.figure.value }))),
      });
    }
    return findings;
  },
});
