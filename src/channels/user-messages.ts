/** Chinese sentences the chat channels send themselves (everything else comes from the assistant). */
export const USER_MESSAGES = {
  failed: '抱歉，处理时出错了，请稍后再试。',
  notAdmin: '抱歉，只有管理员可以向共享知识库添加文档。如需添加，请联系管理员。',
  ingestOff: '抱歉，本服务没有开启从聊天添加知识库文档的功能。',
  ingestWaiting: '好的，请在 10 分钟内在这里发送要加入共享知识库的文件（txt、md、docx、pdf、xlsx）。',
  unsupported: '暂时只支持文字消息和文件（txt、md、docx、pdf、xlsx）。发送「帮助」查看用法。',
  fileTooLarge: '抱歉，文件太大（超过 20 MB），无法处理。',
  fileUnavailable: '抱歉，没能取到这个文件，请重新上传后再试。',
  fileRefused: (name: string, reason: string) => `没能加载“${name}”：${reason}`,
  ingestDone: (title: string, chunks: number) => `已将《${title}》加入共享知识库（${chunks} 段）。`,
  ingestFailed: (name: string, message: string) => `文件 ${name} 未能入库：${message}`,
} as const;
