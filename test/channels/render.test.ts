import { describe, expect, it } from 'vitest';
import type { Reply } from '../../src/assistant/turn.ts';
import { parseChatCommand, parseSlashCommand } from '../../src/channels/chat-command.ts';
import { chunkText, renderReplyBlocks, toMrkdwn } from '../../src/channels/slack/render-blocks.ts';
import { renderWecomMarkdown } from '../../src/channels/wecom/render-markdown.ts';
import { readSampleReportText } from '../helpers/sample-report.ts';

const finding = (line: number, severity: 'error' | 'warning' | 'info', message: string) => ({ ruleId: 'x/y', severity, message, line, sectionPath: [] });

const reply: Reply = {
  text: '**扣分指标**\n部门预算资金支出率 6 → 4 分（58.48%）<注意>',
  citations: [
    { source: 'guides/评分规则总览.md', quote: '预算执行率 = 实际支出 ÷ 预算数 × 100%', line: 12 },
    { source: 'guides/评分规则总览.md', quote: '重复的来源只列一次', line: 12 },
  ],
  findings: [finding(200, 'info', '提示项'), finding(125, 'error', '政府采购执行率应为 107.15%'), ...Array.from({ length: 12 }, (_, i) => finding(300 + i, 'warning', `警告${i}`))],
  mode: 'offline',
  notes: ['模型超时，以下为离线回答。'],
};

describe('Slack Block Kit rendering', () => {
  it('shows the answer, the notes, a compact findings list (most serious first) and the sources', () => {
    const message = renderReplyBlocks(reply);
    const json = JSON.stringify(message.blocks);
    expect(message.blocks[0]).toEqual({ type: 'section', text: { type: 'mrkdwn', text: '*扣分指标*\n部门预算资金支出率 6 → 4 分（58.48%）&lt;注意&gt;' } });
    expect(json).toContain('模型超时');
    expect(json.indexOf('第125行')).toBeLessThan(json.indexOf('第300行'));
    expect(json).toContain('……另有 4 条');
    expect(json).not.toContain('第200行'); // the info finding is past the first ten
    expect(json.match(/guides\/评分规则总览.md 第12行/g)).toHaveLength(1);
    expect(message.text).toContain('扣分指标');
  });

  it('keeps each listed finding to one short line', () => {
    const long = '“部门预算资金支出率”扣了 2 分，但本地计分规则未知，无法核对这一扣分。评分细则的说明：乐昌的计分办法未知：样例支出率 58.48% 得 4 分';
    const json = JSON.stringify(renderReplyBlocks({ ...reply, findings: [finding(113, 'info', long)] }).blocks);
    expect(json).toContain(`第113行：${[...long].slice(0, 59).join('')}…`);
  });

  it('splits a long answer (the whole sample report) into sections within Block Kit’s 3000 characters', () => {
    const long = renderReplyBlocks({ ...reply, text: readSampleReportText(), findings: [], citations: [], notes: [] });
    expect(long.blocks.length).toBeGreaterThan(2);
    expect(long.blocks.length).toBeLessThanOrEqual(50);
    for (const block of long.blocks) expect([...((block as { text: { text: string } }).text.text)].length).toBeLessThanOrEqual(3000);
  });

  it('turns Markdown headings and bold into mrkdwn and cuts over-long lines', () => {
    expect(toMrkdwn('## 存在问题\n**一是**预算执行率偏低')).toBe('*存在问题*\n*一是*预算执行率偏低');
    expect(chunkText('绩'.repeat(7), 3)).toEqual(['绩绩绩', '绩绩绩', '绩']);
  });
});

describe('WeCom markdown rendering', () => {
  it('puts the answer first, then findings with severity and line, then sources as quotes', () => {
    const markdown = renderWecomMarkdown(reply);
    expect(markdown.startsWith('**扣分指标**')).toBe(true);
    expect(markdown).toContain('🔴 <font color="warning">错误</font> 第125行：政府采购执行率应为 107.15%');
    expect(markdown).toContain('> guides/评分规则总览.md 第12行：「预算执行率 = 实际支出 ÷ 预算数 × 100%」');
  });
});

describe('chat commands', () => {
  it('maps /selfeval sub-commands onto the assistant’s command words', () => {
    expect(parseSlashCommand('check')).toEqual({ kind: 'turn', text: '/check' });
    expect(parseSlashCommand('ask  结转结余率怎么算')).toEqual({ kind: 'turn', text: '结转结余率怎么算' });
    expect(parseSlashCommand('draft 相关建议')).toEqual({ kind: 'turn', text: '/draft 相关建议' });
    expect(parseSlashCommand('reset')).toEqual({ kind: 'turn', text: '/reset' });
    expect(parseSlashCommand('ingest')).toEqual({ kind: 'ingest' });
    expect(parseSlashCommand('')).toEqual({ kind: 'help' });
    expect(parseSlashCommand('ask')).toEqual({ kind: 'help' });
  });

  it('recognises help and ingest in plain messages and passes everything else on', () => {
    expect(parseChatCommand(' 帮助 ')).toEqual({ kind: 'help' });
    expect(parseChatCommand('入库')).toEqual({ kind: 'ingest' });
    expect(parseChatCommand('入库的规则是什么')).toEqual({ kind: 'turn', text: '入库的规则是什么' });
  });
});
