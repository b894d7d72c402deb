import { expect } from 'vitest';
import { readDocument } from '../../src/document/read-document.ts';

/**
 * The conversation every channel test runs, with what each reply must say (content, not wording). The sample report
 * loses points on two indicators: 部门预算资金支出率 (58.48%, 6 → 4) and 政府采购执行率 (107.15%, 2 → 0).
 */
export interface Exchange {
  text: string; // everything the user sees for this step (answer, notes, findings, sources)
  files: { name: string; bytes: Uint8Array }[];
}

export interface ConversationDriver {
  upload(): Promise<Exchange>;
  say(words: string): Promise<Exchange>;
}

const RULE_ID = /\b(?:score|formula|consistency)\/[a-z-]+/u;
const FILE_PATH = /(?:guides|rubrics|examples)\/\S*\.(?:md|yaml)|\.md\b/u;
const INVISIBLE = /[\u200b-\u200f\u2060\ufeff]/u;

/** No rule id, no raw LaTeX, no knowledge file path as a citation, no invisible character. */
export function assertCleanReply(step: string, text: string, options: { terminal?: boolean } = {}): void {
  expect(text, `${step}: no rule id`).not.toMatch(RULE_ID);
  expect(text, `${step}: no LaTeX`).not.toMatch(/\\(?:leq|geq|times|frac|div)/u);
  expect(text, `${step}: no file path citation`).not.toMatch(FILE_PATH);
  expect(text, `${step}: no zero-width characters`).not.toMatch(INVISIBLE);
  if (!options.terminal) expect(text, `${step}: no terminal commands in a chat`).not.toMatch(/\/load|--report|selfeval (?:check|ingest)/u);
  expect(text, `${step}: no error`).not.toContain('抱歉，处理时出错了');
}

async function fileText(file: { name: string; bytes: Uint8Array }): Promise<string> {
  const read = await readDocument(file.name, file.bytes);
  expect(read.ok, `${file.name} is a readable Word file`).toBe(true);
  return read.ok ? read.document.lines.join('\n') : '';
}

/** The lines of the answer itself (before the findings list and the sources). */
function answerLines(text: string): string[] {
  const body = text.split(/\n\**(?:检查发现|来源)\**[：:]?\n/u)[0]!;
  return body.split('\n').map((l) => l.trim()).filter((l) => l !== '' && !/「详情」/u.test(l));
}

const PASTE = '帮我检查这段：（2）结转结余率（3分）。2024年结转结余资金26.99万元，结转结余率为3.89%（26.99万元÷693.56万元），≤5%，得4分。';

/** What the user says after the upload, in order. */
export const STEPS = ['为什么扣了2分', '那怎么改', '帮我写一段说明', '短一点', '发我Word文件', '去年呢', PASTE, '批注', '三公经费是多少'] as const;

export const CONVERSATION = {
  /** Drive the conversation step by step (a chat channel), then check every reply. */
  async run(driver: ConversationDriver): Promise<void> {
    const upload = await driver.upload();
    const replies: Exchange[] = [];
    for (const words of STEPS) replies.push(await driver.say(words));
    await CONVERSATION.check(upload, replies);
  },

  /** Check the replies of a conversation (replies[i] answers STEPS[i]). */
  async check(uploaded: Exchange, replies: readonly Exchange[], options: { terminal?: boolean } = {}): Promise<void> {
    const byWords = new Map<string, Exchange>(STEPS.map((words, i) => [words, replies[i]!]));
    const step = async (name: string, send: () => Promise<Exchange>): Promise<Exchange> => {
      const exchange = await send();
      assertCleanReply(name, exchange.text, options);
      return exchange;
    };
    const driver = { upload: async () => uploaded, say: async (words: string) => byWords.get(words)! };

    // Upload: what was read, the counts, and the findings listed once.
    const upload = await step('upload', () => driver.upload());
    expect(upload.text).toMatch(/已加载/u);
    expect(upload.text).toMatch(/警告 6/u);
    const contradiction = upload.text.match(/41\.52%/gu) ?? [];
    expect(contradiction.length, 'the rate contradiction is listed once').toBe(1);

    const why = await step('为什么扣了2分', () => driver.say('为什么扣了2分'));
    for (const word of ['部门预算资金支出率', '政府采购执行率', '58.48%', '107.15%']) expect(why.text).toContain(word);
    expect(why.text, 'short first: the rest on request').toContain('详情');

    const fix = await step('那怎么改', () => driver.say('那怎么改'));
    expect(fix.text).toContain('部门预算资金支出率');
    expect(fix.text).toContain('政府采购执行率');
    expect(fix.text, 'a measure for the spending rate').toMatch(/预算执行进度|支出进度/u);
    expect(fix.text, 'a measure for procurement').toMatch(/政府采购预算/u);
    expect(fix.text).not.toContain('知识库里没有找到');

    const write = await step('帮我写一段说明', () => driver.say('帮我写一段说明'));
    expect(write.text).toMatch(/说明/u);
    for (const word of ['58.48%', '107.15%', '下一步']) expect(write.text).toContain(word);
    expect(write.text, 'a paragraph, not knowledge snippets').not.toMatch(/知识库中|离线模式下我不做归纳/u);

    const shorter = await step('短一点', () => driver.say('短一点'));
    expect(shorter.text).toContain('精简版');
    expect(shorter.text).toContain('58.48%');
    expect([...shorter.text].length).toBeLessThan([...write.text].length);

    const word = await step('发我Word文件', () => driver.say('发我Word文件'));
    const docx = word.files.find((f) => f.name.endsWith('.docx'));
    expect(docx, 'the draft comes back as a .docx').toBeDefined();
    const drafted = await fileText(docx!);
    expect(drafted).toContain('58.48%');
    expect(drafted).toContain('107.15%');

    const lastYear = await step('去年呢', () => driver.say('去年呢'));
    expect(lastYear.text, 'about the same subject').toMatch(/部门预算资金支出率|政府采购执行率/u);
    expect(lastYear.text).toMatch(/上年|2023/u);
    expect(lastYear.text).not.toContain('知识库里没有找到与这个问题相关的内容');

    const pasted = await step('帮我检查这段', () => driver.say(PASTE));
    expect(pasted.text).toContain('结转结余率');
    expect(pasted.text, 'the finding: score above weight').toMatch(/超过了该指标的分值/u);
    expect(pasted.text).not.toContain('还没有');

    const annotate = await step('批注', () => driver.say('批注'));
    const annotated = annotate.files.find((f) => /批注版/u.test(f.name));
    expect(annotated, 'the annotated copy comes back after the upload').toBeDefined();
    expect(annotate.text).toMatch(/批注/u);

    const sanGong = await step('三公经费是多少', () => driver.say('三公经费是多少'));
    expect(sanGong.text).toContain('3.55');
    expect(sanGong.text).toContain('0.0693');
    expect(answerLines(sanGong.text).length, `≤ 3 lines: ${sanGong.text}`).toBeLessThanOrEqual(3);
  },
};
