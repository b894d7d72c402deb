import type { Reply, Turn, TurnHandler } from '../../src/assistant/turn.ts';

/**
 * A small real TurnHandler for channel tests (a test double of our own assistant module, not of an outside
 * service): it records every turn and answers with what it received. A turn whose text contains "模型故障" throws
 * the way a failing model or store does, the first `failFirst` times.
 */
export class RecordingAssistant implements TurnHandler {
  readonly turns: Turn[] = [];
  private failuresLeft: number;

  constructor(options: { failFirst?: number; draftChars?: number } = {}) {
    this.failuresLeft = options.failFirst ?? Number.POSITIVE_INFINITY;
    this.draftChars = options.draftChars ?? 0;
  }

  private readonly draftChars: number;

  async handle(turn: Turn): Promise<Reply> {
    this.turns.push(turn);
    if (turn.text.includes('模型故障') && this.failuresLeft > 0) {
      this.failuresLeft -= 1;
      throw Object.assign(new Error('model unavailable'), { code: 'llm-unavailable' });
    }
    const files = turn.attachments.map((a) => `${a.name}（${a.bytes.byteLength} 字节）`).join('、');
    const wantsDraft = turn.text.startsWith('/draft');
    return {
      text: `收到：${turn.text}${files ? `；附件：${files}` : ''}`,
      citations: [{ source: 'guides/政府采购执行率.md', quote: '政府采购执行率 = 实际政府采购金额 ÷ 政府采购预算数 × 100%', line: 3 }],
      findings: [
        { ruleId: 'formula/rate', severity: 'error', message: '政府采购执行率应为 107.15%', line: 125, sectionPath: [] },
        { ruleId: 'score/within-weight', severity: 'warning', message: '扣分未说明原因', line: 113, sectionPath: [] },
      ],
      mode: 'offline',
      notes: [],
      ...(wantsDraft ? { draft: { section: '存在问题', text: '一是预算执行率偏低。'.repeat(Math.max(1, Math.ceil(this.draftChars / 10))) } } : {}),
    };
  }
}
