import type { ChatStreams } from '../../store/chat-streams.js';
import { latestWins, type BotOutput } from './bot-output.js';

/**
 * The callback mode's answer: written to the stored stream that WeCom's refreshes read (any instance answers them).
 * One write at a time; a newer text replaces one still waiting, and the final write comes last.
 */
export function createCallbackStream(streams: ChatStreams, streamId: string, sendFile: BotOutput['sendFile']): BotOutput {
  // A missed partial is replaced by the next one or the final answer.
  const partials = latestWins((text) => streams.update(streamId, text).catch(() => undefined));
  return {
    feedbackId: streamId,
    progress: async (text) => partials.push(text),
    finish: async (markdown, card) => {
      partials.drop();
      await partials.settle();
      await streams.finish(streamId, markdown, card as Record<string, unknown> | undefined);
    },
    ...(sendFile ? { sendFile } : {}),
  };
}
