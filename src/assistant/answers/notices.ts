import type { Answer, AnswerContext } from './answer.js';

/**
 * Boilerplate said at most once per conversation ("当地的计分办法没有找到…"): the first answer that needs it says it,
 * later ones (and later items of the same answer) leave it out. Turns remember what was said in `memo.notices`.
 */
export function firstTime(context: Pick<AnswerContext, 'said'>, answer: Answer, key: string): boolean {
  const notices = (answer.memo.notices ??= []);
  if (notices.includes(key) || context.said?.has(key)) return false;
  notices.push(key);
  return true;
}

export const LOCAL_RULES_NOTICE = 'local-rules-unknown';
