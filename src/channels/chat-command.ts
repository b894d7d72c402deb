/**
 * The few words the channels handle themselves (help, admin ingest); everything else is a turn for the assistant.
 * Also maps the Slack slash command `/selfeval check|ask|draft|reset|help|ingest …` onto the same words.
 */
export type ChatCommand =
  | { kind: 'help' }
  | { kind: 'ingest' }
  | { kind: 'unsupported' } // a message kind the assistant cannot read (image, voice, …)
  | { kind: 'turn'; text: string };

/** What a file sent without any words means: load it as the conversation's report and check it. */
export const FILE_ONLY_TEXT = '/check';

const HELP = /^(help|帮助|\/help|\?|？)$/i;
const INGEST = /^(ingest|入库|\/ingest|加入知识库)$/i;

export function parseChatCommand(text: string): ChatCommand {
  const trimmed = text.trim();
  if (HELP.test(trimmed)) return { kind: 'help' };
  if (INGEST.test(trimmed)) return { kind: 'ingest' };
  return { kind: 'turn', text: trimmed };
}

/**
 * `/selfeval <sub> <rest>` → the command it stands for, in the assistant's own command words (/check, /draft 存在问题,
 * /reset). Unknown or empty sub-commands show the help.
 */
export function parseSlashCommand(text: string): ChatCommand {
  const trimmed = text.trim();
  const [sub = '', ...restWords] = trimmed.split(/\s+/);
  const rest = restWords.join(' ').trim();
  switch (sub.toLowerCase()) {
    case 'check':
    case '检查':
      return { kind: 'turn', text: '/check' };
    case 'ask':
    case '问':
      return rest ? { kind: 'turn', text: rest } : { kind: 'help' };
    case 'draft':
    case '起草':
      return rest ? { kind: 'turn', text: `/draft ${rest}` } : { kind: 'help' };
    case 'reset':
      return { kind: 'turn', text: '/reset' };
    case 'ingest':
    case '入库':
      return { kind: 'ingest' };
    default:
      return { kind: 'help' };
  }
}
