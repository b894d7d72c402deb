import type { Citation, Finding } from '../model/index.js';

/**
 * The channel-neutral unit of conversation. Channels (Slack, WeCom, terminal, CLI) build a Turn,
 * hand it to the assistant and render the Reply; they never parse reports or build SQL.
 */
export interface Attachment {
  name: string; // original file name, used to pick the reader by extension
  bytes: Uint8Array;
}

export interface Turn {
  text: string;
  user: string; // channel-qualified user id: "slack:T1:U123", "wecom:ww123:zhangsan", "cli"
  scope: string; // knowledge scope this conversation may see besides "public"
  thread: string; // conversation id for memory: "slack:C1:1700000000.000100", "wecom:ww123:zhangsan", "cli:<uuid>"
  attachments: Attachment[];
  /**
   * Streaming channels: called with the answer so far while a model writes it. Only sentences whose numbers the
   * guard traced are in it; the Reply decides what is final (it replaces whatever was streamed).
   */
  onPartial?: (text: string) => void;
  /** Where the user is: decides the help and the hints (no terminal commands in Slack or WeCom). Absent: terminal. */
  channel?: TurnChannel;
  /**
   * Called once with a short notice ("正在查阅报告…") when the answer is not ready within PROGRESS_AFTER_MS; the
   * channel shows it at once (Slack/WeCom: a message of its own, terminal: a line) and the Reply follows.
   */
  onProgress?: (text: string) => void;
}

export type TurnChannel = 'slack' | 'wecom' | 'wecom-bot' | 'terminal';

/** A turn not answered within this gets the progress notice (the bound is 2 s from the question). */
export const PROGRESS_AFTER_MS = 1_200;

export interface Reply {
  text: string; // Simplified Chinese, plain text with light Markdown (bold, lists)
  /** `place`: where a passage of the loaded report is in its file ("自评表!H6", "表 1 第 10 行第 6 列"), as the text names it. */
  citations: { source: string; quote: string; line?: number; place?: string }[];
  findings: Finding[];
  mode: 'offline' | 'llm';
  /** A long draft that channels may also send as a file. */
  draft?: { section: string; text: string };
  /** Files the channel sends back as they are (the drafted .docx, an annotated copy, the template). */
  files?: ReplyFile[];
  /** Extra notes for the user, e.g. "模型超时，以下为离线回答。" */
  notes: string[];
  /**
   * The whole answer when `text` is its short form (≤ 3 lines): sent when the user asks for 详情 (Slack: a button or
   * a reply in the thread; WeCom: 回复“详情”; terminal: 输入“详情”).
   */
  details?: string;
}

export interface ReplyFile {
  name: string; // file name with extension: "自评报告（草稿）.docx"
  title: string;
  bytes: Uint8Array;
}

export interface TurnHandler {
  handle(turn: Turn): Promise<Reply>;
}

export type { Citation };
