import type { Interface } from 'node:readline';
import type { Report } from '../model/index.js';
import type { OpenedAssistant } from '../assistant/open-assistant.js';
import { progressReporter } from './knowledge-cli.js';

/**
 * Shared start-up of the assistant commands (ask, chat, draft). Imported when the command line is built (also for
 * --help), so the assistant, the store and the report readers load only when a command runs.
 */

/** Errors a user can fix: StoreError, ConfigError, RubricError (by name, so that checking loads none of them). */
const USER_FIXABLE = new Set(['StoreError', 'ConfigError', 'RubricError']);

/**
 * An answer's light Markdown for a terminal: `**bold**` becomes bold (ANSI) on a colour terminal and plain text
 * elsewhere, `# 标题` loses its hashes, `* item` becomes `- item`. Nothing of the Markdown syntax is left raw.
 */
export function terminalText(text: string, options: { color?: boolean } = {}): string {
  const bold = (inner: string) => (options.color ? `\u001b[1m${inner}\u001b[22m` : inner);
  return text
    .replace(/\*\*([^*\n]+?)\*\*/gu, (_m, inner: string) => bold(inner))
    .replace(/__([^_\n]+?)__/gu, (_m, inner: string) => bold(inner))
    .replace(/^#{1,6}\s+/gmu, '')
    .replace(/^(\s*)\*\s+/gmu, '$1- ')
    .replace(/`([^`\n]+)`/gu, '$1');
}

/** Colour on an interactive terminal unless NO_COLOR is set. */
export function wantsColor(stream: NodeJS.WriteStream = process.stdout): boolean {
  return Boolean(stream.isTTY) && !('NO_COLOR' in process.env);
}

/** Infrastructure failures a user can fix (database, configuration, rubric) → one Chinese sentence, exit 2. */
export function isUserFixable(error: unknown): error is Error {
  return error instanceof Error && USER_FIXABLE.has(error.name) && 'code' in error;
}

/** `--format` of a command that prints text or JSON; writes the Chinese message and returns false when unsupported. */
export function acceptTextOrJson(format: string): boolean {
  if (format === 'text' || format === 'json') return true;
  process.stderr.write(`不支持输出格式“${format}”，可用：text、json。\n`);
  return false;
}

/** Read and parse a report; on failure write its Chinese message to stderr and return null. */
export async function readReportOrExplain(path: string): Promise<Report | null> {
  const { readReportFile } = await import('../report/parse-report.js');
  const parsed = await readReportFile(path);
  if (parsed.ok) return parsed.report;
  process.stderr.write(`${parsed.problems[0]?.message ?? `无法读取 ${path}。`}\n`);
  return null;
}

/** Open the assistant from the environment, building the bundled knowledge base first (progress on stderr). */
export async function openCliAssistant(memory: 'volatile' | 'store', progressLabel: string): Promise<OpenedAssistant> {
  const [{ loadConfig }, { openAssistant }] = await Promise.all([import('../config/env.js'), import('../assistant/open-assistant.js')]);
  const progress = progressReporter(progressLabel, { quietWhenUnchanged: true });
  try {
    return await openAssistant(loadConfig(), {
      memory,
      ensureBundled: true,
      onProgress: progress.onProgress,
      onNotice: (message) => process.stderr.write(`${message}\n`),
    });
  } finally {
    progress.stop();
  }
}

/** Run a command body: user-fixable failures become one Chinese sentence and exit 2; anything else propagates. */
export async function explainUserFixable(body: () => Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (error) {
    if (!isUserFixable(error)) throw error;
    process.stderr.write(`${error.message}\n`);
    return 2;
  }
}

/** Open the assistant, run `body` with it and close it whatever happens; user-fixable failures exit 2. */
export function withCliAssistant(
  memory: 'volatile' | 'store',
  progressLabel: string,
  body: (opened: OpenedAssistant) => Promise<number>,
): Promise<number> {
  return explainUserFixable(async () => {
    const opened = await openCliAssistant(memory, progressLabel);
    try {
      return await body(opened);
    } finally {
      await opened.close().catch(() => undefined);
    }
  });
}

/** Lines a terminal delivers this close together are one paste, not several messages (no one types Enter that fast). */
export const PASTE_GAP_MS = 40;
const BRACKETED_PASTE = /\u001b\[20[01]~/gu;

/**
 * The user's messages from a readline interface. On a terminal a multi-line paste is one message: the terminal is
 * asked for bracketed paste (its markers are dropped) and lines arriving within PASTE_GAP_MS of each other are
 * joined. From a pipe every line is a message (scripts send one question per line).
 */
export async function* userMessages(rl: Interface, tty: boolean, gapMs = PASTE_GAP_MS): AsyncGenerator<string> {
  if (!tty) {
    for await (const line of rl) yield line;
    return;
  }
  const ready: string[] = [];
  let pending: string[] = [];
  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  let wake: (() => void) | undefined;
  const flush = () => {
    if (pending.length > 0) ready.push(pending.join('\n').replace(BRACKETED_PASTE, ''));
    pending = [];
    wake?.();
  };
  rl.on('line', (line: string) => {
    pending.push(line);
    clearTimeout(timer);
    timer = setTimeout(flush, gapMs);
  });
  rl.on('close', () => {
    clearTimeout(timer);
    closed = true;
    flush();
  });
  for (;;) {
    const next = ready.shift();
    if (next !== undefined) {
      yield next;
      continue;
    }
    if (closed) return;
    await new Promise<void>((resolve) => (wake = resolve));
    wake = undefined;
  }
}
