import { z } from 'zod';
import type { BotOutput } from './bot-output.js';

const ResultSchema = z.looseObject({ errcode: z.number().optional(), errmsg: z.string().optional() });

/**
 * The callback mode's way to answer later: POST a markdown message to the message's response_url (valid one hour,
 * usable once; WeCom document 101138). Used for recovered turns and card buttons. `files` sends files another way
 * (the long connection) when there is one.
 */
export function responseUrlOutput(responseUrl: string, files?: BotOutput['sendFile']): BotOutput {
  return {
    progress: async () => undefined,
    finish: async (markdown) => {
      const response = await fetch(responseUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ msgtype: 'markdown', markdown: { content: markdown } }),
        signal: AbortSignal.timeout(15_000),
      });
      const result = ResultSchema.safeParse(await response.json().catch(() => undefined));
      if (!response.ok || !result.success || (result.data.errcode ?? 0) !== 0) {
        throw new Error(`response_url failed: ${response.status} ${result.data?.errcode ?? ''}`);
      }
    },
    ...(files ? { sendFile: files } : {}),
  };
}
