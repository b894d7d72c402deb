import type { Command } from 'commander';
import { READABLE_LIST } from '../../document/read-document.js';
import { progressReporter, STATUS_TEXT, withKnowledgeBase } from '../knowledge-cli.js';

interface IngestCommandOptions {
  scope: string;
}

export function registerIngest(program: Command): void {
  program
    .command('ingest')
    .description(`把文件或文件夹加入知识库（${READABLE_LIST}），供检索和问答引用`)
    .argument('<路径...>', '文件或文件夹；文件夹会递归读取')
    .option('-s, --scope <范围>', '放入哪个范围：public 为公共知识，其他名称（如部门、工作区）只对该范围可见', 'public')
    .helpOption('-h, --help', '显示帮助')
    .addHelpText('after', [
      '',
      '同一文件内容不变时再次入库不做任何事；文件修改后再次入库会替换旧的内容。',
      '自评报告入库时还会保存其中的指标得分，便于回答“去年政府采购执行率多少”。',
      '退出码：0 = 全部成功；1 = 有文件失败（其余照常入库）；2 = 数据库不可用或参数有误。',
      '',
      '示例：',
      '  selfeval ingest knowledge/',
      '  selfeval ingest 乐昌2024自评报告.docx --scope lechang',
    ].join('\n'))
    .action(async (paths: string[], options: IngestCommandOptions) => {
      process.exitCode = await withKnowledgeBase(async (kb) => {
        const progress = progressReporter('入库');
        const summary = await kb.ingest(paths, { scope: options.scope, onProgress: progress.onProgress });
        progress.stop();
        const count = (status: keyof typeof STATUS_TEXT) => summary.files.filter((f) => f.status === status).length;
        const chunks = summary.files.reduce((n, f) => n + (f.status === 'added' || f.status === 'updated' ? f.chunks : 0), 0);
        for (const file of summary.files.filter((f) => f.status === 'failed')) {
          process.stderr.write(`失败：${file.source}：${file.message ?? '无法入库。'}\n`);
        }
        for (const notice of summary.notices) process.stderr.write(`${notice}\n`);
        process.stdout.write(
          `入库完成（范围 ${options.scope}）：新增 ${count('added')} 个，更新 ${count('updated')} 个，未变 ${count('unchanged')} 个，失败 ${count('failed')} 个；写入 ${chunks} 段` +
            (summary.embedded > 0 ? `，生成向量 ${summary.embedded} 条` : '') + '。\n',
        );
        return count('failed') > 0 ? 1 : 0;
      });
    });
}
