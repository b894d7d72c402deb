import type { TurnChannel } from './turn.js';

/**
 * What works where. The terminal has commands (/load, /check …); Slack has its slash command; WeCom has neither —
 * words and files only. Every chat channel lists the file requests (模板 / 起草全文 / 批注). No digits: the guard has
 * nothing to trace in a help text.
 */
const ASK = [
  '- 直接提问：为什么扣了分 / 那怎么改 / 三公经费是多少 / 总分对吗 / 结转结余率怎么算；追问：去年呢 / 那第二个呢；',
  '- 起草：起草存在问题（或相关建议、自评结论、部门整体收支情况、主要绩效）、帮我写一段说明，再说「短一点」或「发我Word文件」；',
  '- 粘贴检查：「帮我检查这段：……」后面贴上报告里的一段，我核对其中的分值、得分和算式；',
  '- 回答先给要点，回复「详情」看完整说明；',
];

const CHAT_FILES = [
  '- 发送报告文件（txt、md、docx、pdf、xlsx）：它成为本对话的报告，我先检查一遍；',
  '- 「给我模板」：发回年度数据表模板；填好发回来再说「起草全文」，发回整份自评报告（Word）；',
  '- 发过报告后说「批注」：发回带批注的原文（Word 批注）；',
];

export function channelHelp(channel: TurnChannel | undefined, terminalHelp: string): string {
  if (!channel || channel === 'terminal') {
    return [
      terminalHelp,
      '文件：selfeval template --out 数据.xlsx（模板）、selfeval draft 全文 --figures 数据.xlsx --out 报告.docx（起草全文）、selfeval check 报告.docx --annotate 批注版.docx（批注）。',
      '粘贴多行文字时整段作为一条消息；「帮我检查这段：……」检查粘贴的段落；「详情」查看上一条回答的完整内容。',
    ].join('\n');
  }
  const lines = ['我可以帮你检查部门整体支出绩效自评报告、解答评分规则问题、起草章节和整份报告。', ...CHAT_FILES, ...ASK];
  if (channel === 'slack') {
    lines.push('- 在频道里 @我 提问，回答在线程里；线程里上传的报告只在这个线程里用；');
    lines.push('- 斜杠命令（只有你能看到回答）：/selfeval check | ask 问题 | draft 章节 | reset | help；');
  } else {
    if (channel === 'wecom-bot') lines.push('- 在群里 @我 提问，按这个群的知识范围回答；文件请在单聊里发给我（企业微信不支持在群里给机器人发文件）；');
    lines.push('- 发送「重置」清空本对话的记忆和报告；');
  }
  lines.push('- 管理员发送「入库」再发文件，可将文档加入本范围的共享知识库。');
  return lines.join('\n');
}
