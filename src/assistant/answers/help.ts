import { emptyAnswer, type Answer } from './answer.js';

/** What one can ask. No figures here: examples are written without digits so the guard has nothing to trace. */
export const HELP_TEXT = [
  '我是部门整体支出绩效自评报告助手，可以这样问我：',
  '- 三公经费是多少 / 编制有多少 / 基本支出占总支出的比例是多少 / 总收入比上年少了多少',
  '- 资金管理这块得了多少分 / 哪些指标没满分 / 明年怎么才能拿满分',
  '- 报告里有哪些数字前后不一致 / 这样写有问题吗 / 存在问题那部分写得够不够',
  '- 为什么扣分了 / 哪些指标扣分了 / 政府采购执行率为什么是零分',
  '- 支出率要到多少才能满分',
  '- 总分对吗',
  '- 帮我检查一下报告',
  '- 结转结余率怎么算 / 三公经费超了怎么扣分',
  '- 帮我起草存在问题（也可以起草：相关建议、自评结论、部门整体收支情况、主要绩效），再写短一点',
  '- 和上年比怎么样（知识库里有上年报告时）',
  '命令：/load 文件（加载报告）、/check（检查）、/draft 存在问题（起草）、/reset（清空对话）、/help（帮助）、/quit（退出）。',
  '每个数字都能在报告、检查结果、引用的资料或本轮计算中找到出处；找不到出处的数字不会发出。',
].join('\n');

export function answerHelp(): Answer {
  return emptyAnswer(HELP_TEXT, 'help');
}
