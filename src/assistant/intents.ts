import { SECTION_KINDS, type SectionKind } from '../drafting/section-kinds.js';

/**
 * What the user wants, recognised offline from patterns and keywords. Order matters: commands first, then the
 * specific questions, then the broad ones; anything else is a knowledge question.
 */
export type Intent =
  | { kind: 'help' }
  | { kind: 'reset' }
  | { kind: 'lost-points'; indicator: string | null } // "为什么扣了2分" / "政府采购执行率为什么是0分"
  | { kind: 'target'; indicator: string | null } // "支出率要到多少才能满分"
  | { kind: 'total' } // "总分99分对吗"
  | { kind: 'check' } // "帮我检查一下报告"
  | { kind: 'draft'; section: SectionKind; shorter: boolean }
  | { kind: 'compare-last-year'; indicator: string | null }
  | { kind: 'follow-up-item'; ordinal: number } // "那第二个呢"
  | { kind: 'shorter' } // "再写短一点"
  | { kind: 'rule'; query: string }; // "结转结余率怎么算", "三公经费超了怎么扣分", anything else

const CHINESE_ORDINALS: Record<string, number> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };

function ordinalOf(text: string): number | null {
  const m = /第\s*([一二两三四五六七八九十]|\d{1,2})\s*(?:个|条|项|点)?/u.exec(text);
  if (!m) return null;
  return CHINESE_ORDINALS[m[1]!] ?? Number(m[1]);
}

function sectionOf(text: string): SectionKind | null {
  if (/上年.{0,6}整改|整改情况/u.test(text)) return '上年问题整改情况';
  if (/存在(?:的)?问题|问题部分/u.test(text)) return '存在问题';
  if (/建议|改进措施|整改措施/u.test(text)) return '相关建议';
  if (/自评结论|结论/u.test(text)) return '自评结论';
  if (/收支|收入|支出情况/u.test(text)) return '部门整体收支情况';
  if (/主要绩效|绩效成果|取得的成效|工作成效/u.test(text)) return '主要绩效';
  return SECTION_KINDS.find((s) => text.includes(s)) ?? null;
}

const SHORTER = /(?:再|写得?|改得?|精简|压缩).{0,4}(?:短|简|精炼|简洁)|短一点|简短些|精简一下|字数少/u;

/**
 * `indicatorIn` finds an indicator name (or a colloquial name of one) in the text; it is passed in so that intent
 * recognition stays free of report and rubric lookups.
 */
export function recognizeIntent(raw: string, indicatorIn: (text: string) => string | null): Intent {
  const text = raw.trim().replace(/\s+/gu, ' ');
  const command = /^\/(\S+)\s*(.*)$/u.exec(text);
  if (command) {
    const [, name, rest] = command;
    if (name === 'help' || name === '帮助') return { kind: 'help' };
    if (name === 'reset' || name === '重置') return { kind: 'reset' };
    if (name === 'check' || name === '检查') return { kind: 'check' };
    if (name === 'draft' || name === '起草') {
      const section = sectionOf(rest ?? '') ?? '存在问题';
      return { kind: 'draft', section, shorter: SHORTER.test(rest ?? '') };
    }
  }
  if (/^(?:帮助|help|\?|？|你能做什么|能做什么|怎么用|使用说明)$/iu.test(text)) return { kind: 'help' };
  if (/^(?:重置|清空(?:对话|记忆)?|重新开始|reset)$/iu.test(text)) return { kind: 'reset' };

  const indicator = indicatorIn(text);
  const wantsDraft = /(?:起草|草拟|撰写|写一?[段份个]|帮我写|生成|拟写|改写|重写)/u.test(text);
  if (wantsDraft) {
    const section = sectionOf(text);
    if (section) return { kind: 'draft', section, shorter: SHORTER.test(text) };
  }
  if (SHORTER.test(text)) return { kind: 'shorter' };

  const ordinal = ordinalOf(text);
  if (ordinal !== null && /^(?:那|那么|再说说|说说|看看|讲讲)?.{0,3}第/u.test(text) && text.length <= 16) {
    return { kind: 'follow-up-item', ordinal };
  }
  if (/上年|去年|上一年|往年|同比|与上年|和上年|跟去年|比去年/u.test(text) && /对比|比较|比|变化|一致|核对|多少|相比/u.test(text)) {
    return { kind: 'compare-last-year', indicator };
  }
  if (/(?:要|需要|得|应)?(?:达到|到|做到|提高到|控制在).{0,6}(?:多少|几).{0,8}(?:满分|不扣分|得满分|才)|怎样才能满分|怎么才能(?:拿|得)?满分|满分(?:需要|要求|条件)/u.test(text)) {
    return { kind: 'target', indicator };
  }
  if (/总分|总得分|自评结果|合计.{0,4}分|加起来|得分.{0,4}(?:对|准确|正确)/u.test(text)) return { kind: 'total' };
  const asksRule = /怎么扣|如何扣|会扣|要扣|扣不扣|会不会扣|扣几分|扣多少|扣分吗|扣分(?:规则|标准|办法|依据)/u.test(text);
  if (!asksRule && /扣(?:了|掉)?.{0,6}分|丢分|失分|没(?:有)?(?:拿|得)?满分|为什么(?:是|只有|只得|得了?)?\s*(?:\d+(?:\.\d+)?|零)\s*分/u.test(text)) {
    return { kind: 'lost-points', indicator };
  }
  if (/检查|核对|核查|审核|体检|有什么问题|有哪些问题|有没有问题|有无问题|哪里不对|挑.{0,2}毛病|报告.{0,4}(?:对不对|对吗|有错|错了|有没有错)/u.test(text) && !/怎么算|如何计算/u.test(text)) {
    return { kind: 'check' };
  }
  return { kind: 'rule', query: text };
}
