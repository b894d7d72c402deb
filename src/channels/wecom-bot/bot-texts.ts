/** Chinese sentences the 智能机器人 channel says itself (everything else comes from the assistant). */
export const BOT_TEXTS = {
  working: '收到，正在处理……',
  checkingFile: '收到文件，正在读取和检查……',
  filesOff: '（附件无法在回调模式下发送：企业微信智能机器人的回调回复不能带文件。请在服务端同时设置 WECOM_BOT_ID 和 WECOM_BOT_SECRET 使用长连接。）',
  welcome: '你好，我是部门整体支出绩效自评报告助手。发送报告文件（txt、md、docx、pdf、xlsx）我会先检查一遍；也可以直接提问，或发「帮助」查看用法。',
  answeredLater: '这条回答将另行发送。',
  connected: (botId: string) => `企业微信智能机器人长连接已建立（机器人 ${botId}），不需要公网地址。`,
  authFailed: '企业微信智能机器人长连接认证失败：WECOM_BOT_ID 或 WECOM_BOT_SECRET 不正确，智能机器人渠道未开启，其他渠道照常运行。',
  connecting: (url: string) => `正在连接企业微信智能机器人长连接（${url}）……`,
} as const;
