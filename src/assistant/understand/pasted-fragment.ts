/**
 * Text pasted into the chat as a piece of a report ("帮我检查这段：（2）结转结余率（3分）。自评得分3分，…"): the
 * fragment to check, or null. Either asked for in words (检查/核对/看看 这段…：) or a long paste that reads like a
 * report (a weight or score written the report's way) with no question of its own.
 */
const ASKED = /^(?:请|麻烦|帮我|帮忙|你)?(?:帮我|给我)?(?:检查|核对|核查|审核|看看|看一下|看下|查查|查一下|审一下|把关)(?:一下)?(?:这段|这一段|下面这段|下面的|以下|以下内容|这部分|这些|这几段|这段话|这段文字|这一部分)?(?:文字|内容|话|写得?对不对|有没有问题|对吗)?\s*[:：]\s*/u;
const REPORT_LIKE = /[（(]\s*\d+(?:\.\d+)?\s*分\s*[）)]|自评得分\s*\d|得\s*\d+(?:\.\d+)?\s*分|扣\s*\d+(?:\.\d+)?\s*分|分值\s*\d|权重\s*\d/u;
const QUESTION_END = /[?？吗呢]\s*$/u;

export function pastedFragment(text: string): string | null {
  const asked = ASKED.exec(text);
  if (asked) {
    const rest = text.slice(asked[0].length).trim();
    return rest.length >= 8 && /\d/u.test(rest) ? rest : null;
  }
  const trimmed = text.trim();
  const long = [...trimmed].length >= 60 || trimmed.includes('\n');
  if (long && REPORT_LIKE.test(trimmed) && !QUESTION_END.test(trimmed) && (trimmed.match(/\d/gu) ?? []).length >= 3) return trimmed;
  return null;
}
