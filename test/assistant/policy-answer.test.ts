import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/env.js';
import { openDatabase } from '../../src/store/open-database.js';
import { openKnowledgeBase, type KnowledgeBase } from '../../src/knowledge/knowledge-base.js';
import { loadRubric } from '../../src/rubric/load-rubric.js';
import { createAssistant } from '../../src/assistant/conversation.js';
import { createVolatileMemory } from '../../src/assistant/memory.js';
import { answerPolicy, documentsCited } from '../../src/assistant/answers/policy-answer.js';
import { readReportFile } from '../../src/report/parse-report.js';
import type { Database } from '../../src/store/database.js';
import type { Reply, TurnHandler } from '../../src/assistant/turn.js';
import { KNOWLEDGE_DIR } from '../knowledge-content/knowledge-files.js';
import { SAMPLE_REPORT_PATH } from '../helpers/sample-report.js';

let db: Database;
let kb: KnowledgeBase;
let assistant: TurnHandler;
let memory: ReturnType<typeof createVolatileMemory>;
let turn = 0;

beforeAll(async () => {
  const config = loadConfig({});
  db = await openDatabase(config, { dataDir: 'memory://' });
  kb = await openKnowledgeBase(config, { db, embedder: null });
  await kb.ensureBundled();
  memory = createVolatileMemory();
  assistant = createAssistant({ rubric: await loadRubric(), memory, knowledge: kb });
}, 120_000);

afterAll(async () => {
  await kb?.close();
  await db?.close();
});

async function ask(text: string, report?: string): Promise<Reply> {
  const thread = `policy-${(turn += 1)}`;
  if (report) {
    const parsed = await readReportFile(report);
    if (!parsed.ok) throw new Error('sample unreadable');
    await memory.setReport(thread, 'sample', parsed.report);
  }
  return assistant.handle({ text, user: 'test', scope: 'public', thread, attachments: [] });
}

describe('policy questions with no report loaded', () => {
  it('works out 执行率 × 分值 and names the rule’s document', async () => {
    const reply = await ask('执行率91%，这项10分，能得几分');
    expect(reply.text.split('\n')[0]).toContain('9.1 分');
    expect(reply.text).toContain('10 × 91% = 9.1');
    expect(reply.text).toContain('财预〔2020〕10号');
    expect(reply.text).not.toContain('待核实');
    expect(reply.citations.some((c) => c.source.includes('财预〔2020〕10号'))).toBe(true);
  });

  it('gives the grade of 76 分 under 财预〔2020〕10号 with the local caveat, without asking for a report', async () => {
    const reply = await ask('76分算什么等级');
    expect(reply.text.split('\n')[0]).toContain('“中”');
    expect(reply.text).toContain('财预〔2020〕10号');
    expect(reply.text).toMatch(/部门整体支出自评.*本地/u);
    expect(reply.text).not.toContain('还没有加载报告');
  });

  it.each([
    ['绩效运行监控一般什么时候做', '绩效运行监控.md', ['8 月', '财预〔2019〕136号']],
    ['绩效评价分为哪几种方式', '项目支出绩效评价管理办法.md', ['单位自评、部门评价和财政评价', '第四条']],
    ['自评报告要不要公开', '信息公开.md', ['依法公开', '本地财政部门的通知']],
    ['部门预决算多久内要公开', '信息公开.md', ['二十日内', '第十四条']],
  ])('%s → the whole answering sentence of the guide, then its documents', async (question, guide, facts) => {
    const reply = await ask(question);
    const [first, second] = reply.text.split('\n');
    for (const fact of facts) expect(reply.text).toContain(fact);
    // the lead is a whole sentence of the guide, word for word, not a passage cut mid-thought
    const file = readFileSync(join(KNOWLEDGE_DIR, 'guides', '制度', guide), 'utf8');
    expect(first).toMatch(/。$/u);
    expect(file).toContain(first);
    expect(second).toMatch(/^依据：/u);
    expect(reply.citations.some((c) => c.quote.startsWith(first!.slice(0, 12)))).toBe(true);
    // the answer's own citation points at the line of the guide that holds the sentence (channels show titles)
    const answer = await answerPolicy({ question, knowledge: kb, scope: 'public', report: null, rubric: await loadRubric() });
    const cited = answer!.citations.find((c) => c.quote.startsWith(first!.slice(0, 12)));
    expect(cited?.source).toBe(`guides/制度/${guide}`);
    expect(cited?.line).toBeGreaterThan(0);
    expect(file.split('\n')[cited!.line! - 1]).toContain(first!.slice(0, 12));
  });
});

describe('with the sample report loaded', () => {
  it('report questions are not taken as policy questions', async () => {
    for (const question of ['三公经费是多少', '公用经费是多少', '结余率写0%有问题吗', '为什么扣了2分']) {
      const reply = await ask(question, SAMPLE_REPORT_PATH);
      expect(reply.text, question).not.toMatch(/^依据：/mu);
    }
  });

  it('a question that gives its own numbers is still worked out', async () => {
    const reply = await ask('76分算什么等级', SAMPLE_REPORT_PATH);
    expect(reply.text.split('\n')[0]).toContain('“中”');
  });
});

describe('documents named in a sentence', () => {
  it('are listed with title, number and article; unknown numbers are left out', () => {
    expect(documentsCited('（财预〔2020〕10号第四条）；（中发〔2018〕34号，要点概括）；《预算法》第十四条；（某发〔2099〕1号）')).toEqual([
      '财政部《项目支出绩效评价管理办法》（财预〔2020〕10号第四条）',
      '《中共中央 国务院关于全面实施预算绩效管理的意见》（中发〔2018〕34号）',
      '《中华人民共和国预算法》第十四条',
    ]);
  });
});
