import { extname } from 'node:path';
import type { Report } from '../../model/index.js';
import type { ConversationMemo } from '../memory.js';
import { fileRequestOf, type FileRequest } from '../file-requests/file-replies.js';
import { pastedFragment } from './pasted-fragment.js';
import { repairQuestion } from './question-repair.js';
import { isReadableName } from '../../document/read-document.js';

/**
 * The one understanding step of a turn: what the words ask, read against the thread's state — the loaded report, the
 * last file sent, the subject of the last answer and the last draft. Follow-ups resolve here ("那怎么改" is about
 * the indicator just explained, "短一点" about the draft just written); anything else is a question for the report
 * and knowledge answers (intents + report understanding, unchanged).
 */
export interface ThreadView {
  report: Report | null;
  /** The last file of the thread, including one attached to this turn. */
  file: { name: string } | null;
  /** A file attached to this very turn. */
  attachedNow: boolean;
  /** The memo of the last answer, if any. */
  previous: ConversationMemo | null;
}

export type TurnPlan =
  | { kind: 'reset' }
  | { kind: 'help' }
  | { kind: 'details' } // 详情: the rest of the last answer
  | { kind: 'file'; request: FileRequest } // 模板 / 起草全文 / 批注, with the thread's last file
  | { kind: 'paste'; fragment: string } // 帮我检查这段：…
  | { kind: 'loaded'; check: boolean } // a file with no words, or "帮我看看这份报告" with the upload
  | { kind: 'fix'; indicators: string[] } // 那怎么改
  | { kind: 'write'; indicators: string[]; topic: string | null } // 写一段说明 (on the last subject)
  | { kind: 'shorter' } // 短一点 (the last draft)
  | { kind: 'word' } // 发我Word文件 (the last draft as .docx)
  | { kind: 'previous-year'; topic: string } // 去年呢 (the last figure's 上年)
  | { kind: 'question'; text: string }; // intents + report understanding, with the repaired text

export interface UnderstoodTurn {
  plan: TurnPlan;
  /** The words as understood: typos corrected, English put into Chinese. */
  text: string;
  english: boolean;
  corrected: boolean;
}

const RESET = /^(?:\/reset|\/重置|重置|清空(?:对话|记忆)?|重新开始|reset)$/iu;
const HELP = /^(?:\/help|\/帮助|帮助|help|\?|？|你能做什么|能做什么|怎么用|使用说明)$/iu;
const DETAILS = /^(?:详情|详细|详细(?:说说|内容|信息|说明)|展开(?:说说)?|完整(?:的)?(?:内容|回答|说明)?|看全部|全部内容|更多|details?|more)[。.!！]?$/iu;
const FIX = /^(?:那|那么|所以)?(?:应该|该|要|需要)?(?:怎么|如何|怎样)(?:改|整改|改进|改正|修改|提高|补救|弥补|办|做)(?:呢|啊|吧|才好|才能满分)?[?？]?$|^(?:那|那么)?(?:怎么|如何)(?:才能)?(?:不扣分|拿满分|拿回来)[?？]?$/u;
const WRITE = /(?:写|起草|拟|草拟|撰写|生成)(?:一|个)?(?:段|份|个|点|下)?(?:扣分|情况|整改)?(?:说明|解释|文字|材料|段话|表述)/u;
const SHORTER = /(?:再|写得?|改得?|精简|压缩).{0,4}(?:短|简|精炼|简洁)|短一点|短一些|简短些|简短一点|精简一下|字数少/u;
const WORD = /(?:word|docx|文档|\.doc)/iu;
const WANTS_FILE = /发|给|导出|生成|下载|要|转成|做成|存成/u;
const PREVIOUS_YEAR = /^(?:那|那么)?(?:它的|其)?(?:去年|上年|上一年|上年度)(?:的)?(?:呢|是多少|多少|怎么样|情况呢?)?[?？]?$/u;
const LOOK_AT_UPLOAD = /^(?:请|麻烦)?(?:帮我|给我)?(?:看看|看一下|看下|检查|检查一下|审核|核对|体检|过一遍)(?:一下)?(?:这份|这个|我的)?(?:报告|文件|材料)?(?:吧|呢)?[。！!]?$|^(?:这份|这是)?(?:我的|我们的)?(?:报告|自评报告)[。！!]?$/u;


/** The indicators the last answer was about (its subject, else the items it listed, at most three). */
function lastIndicators(previous: ConversationMemo | null): string[] {
  if (!previous) return [];
  if (previous.subject?.indicator) return [previous.subject.indicator];
  if (['lost-points', 'target', 'what-it-takes', 'scores', 'rule', 'fix', 'write'].includes(previous.intent)) {
    return previous.items.filter((i) => !i.startsWith('finding:')).slice(0, 3);
  }
  return [];
}

export function understandTurn(raw: string, view: ThreadView): UnderstoodTurn {
  const original = raw.trim();
  const fragment = pastedFragment(original);
  if (fragment) return { plan: { kind: 'paste', fragment }, text: original, english: false, corrected: false };
  const repaired = repairQuestion(original.replace(/\s+/gu, ' '), view.report);
  const text = repaired.text;
  const compact = text.replace(/\s+/gu, '');
  const done = (plan: TurnPlan): UnderstoodTurn => ({ plan, text, english: repaired.english, corrected: repaired.corrected });

  if (RESET.test(compact)) return done({ kind: 'reset' });
  if (HELP.test(compact)) return done({ kind: 'help' });
  if ((compact === '' || compact === '/check') && view.attachedNow) return done({ kind: 'loaded', check: true });
  if (DETAILS.test(compact)) return done({ kind: 'details' });

  const file = view.file ? [{ name: view.file.name, bytes: new Uint8Array() }] : [];
  const request = fileRequestOf({ text: compact, attachments: request0(compact) === 'template' ? [] : file });
  if (request) return done({ kind: 'file', request });
  if (/批注/u.test(compact) && !view.file) return done({ kind: 'question', text }); // answered: no file to annotate

  const draft = view.previous?.draft;
  if (WORD.test(compact) && WANTS_FILE.test(compact) && draft) return done({ kind: 'word' });
  if (SHORTER.test(compact) && draft && compact.length <= 16) return done({ kind: 'shorter' });

  if (view.attachedNow && LOOK_AT_UPLOAD.test(compact) && isReportFile(view.file?.name)) return done({ kind: 'loaded', check: true });

  const indicators = lastIndicators(view.previous);
  if (FIX.test(compact) && indicators.length > 0) return done({ kind: 'fix', indicators });
  if (WRITE.test(compact) && !/存在问题|建议|结论|收支|主要绩效|全文/u.test(compact)) {
    const topic = view.previous?.subject?.topic ?? view.previous?.topic ?? null;
    if (indicators.length > 0 || topic) return done({ kind: 'write', indicators, topic: indicators.length > 0 ? null : topic });
  }
  if (PREVIOUS_YEAR.test(compact)) {
    const topic = view.previous?.subject?.topic ?? view.previous?.topic ?? view.previous?.draft?.subject ?? indicators[0] ?? null;
    if (topic) return done({ kind: 'previous-year', topic });
  }
  return done({ kind: 'question', text });
}

/** 模板 requests never take the thread's file (a template is asked for on its own). */
function request0(text: string): FileRequest | null {
  return fileRequestOf({ text, attachments: [] });
}

function isReportFile(name: string | undefined): boolean {
  return name !== undefined && isReadableName(name);
}
