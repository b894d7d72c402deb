import type { ChatStreams } from '../../store/chat-streams.js';
import type { BotOutput } from './bot-output.js';

/**
 * The callback mode's answer: written to the stored stream that WeCom's refreshes read (any instance answers them).
 * One write at a time; a newer text replaces one still waiting, and the final write comes last.
 */
export function createCallbackStream(streams: ChatStreams, streamId: string, sendFile: BotOutput['sendFile']): BotOutput {
  let waiting: string | undefined;
  let inFlight: Promise<void> | undefined;
  const drain = async () => {
    while (waiting !== undefined) {
      const text = waiting;
      waiting = undefined;
      await streams.update(streamId, text).catch(() => undefined); // a missed partial is replaced by the next or the final
    }
  };
  return {
    feedbackId: streamId,
    progress: async (text) => {
      waiting = text;
      inFlight ??= drain().finally(() => {
        inFlight = undefined;
      });
    },
    finish: async (markdown, card) => {
      waiting = undefined;
      await inFlight;
      await streams.finish(streamId, markdown, card as Record<string, unknown> | undefined);
    },
    ...(sendFile ? { sendFile } : {}),
  };
}
