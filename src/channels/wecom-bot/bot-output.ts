import type { TemplateCard } from '@wecom/aibot-node-sdk';

/**
 * Where one turn's answer goes. A live message streams (`progress` frames, then `finish`); a recovered turn or a
 * card button answers in one active message. `sendFile` is absent where the way out cannot carry files.
 */
export interface BotOutput {
  /** The answer so far (a stream frame); best effort, a frame may be skipped while the previous one is unacknowledged. */
  progress(text: string): Promise<void>;
  /** The final answer, and the next-steps card under it. */
  finish(markdown: string, card: TemplateCard | undefined): Promise<void>;
  sendFile?: (name: string, bytes: Uint8Array) => Promise<void>;
  /** The id WeCom's 👍/👎 will name (the stream id), when this answer can be rated. */
  feedbackId?: string;
}

/** WeCom's limit for a stream's content is 20,480 bytes of UTF-8. */
export const MAX_STREAM_BYTES = 20_480;

/** Cut text to WeCom's byte limit on a character boundary, saying that it was cut. */
export function clipToBytes(text: string, maxBytes = MAX_STREAM_BYTES): string {
  if (Buffer.byteLength(text, 'utf8') <= maxBytes) return text;
  const note = '\n\n……（内容过长，已截断）';
  let out = '';
  let size = Buffer.byteLength(note, 'utf8');
  for (const char of text) {
    const next = Buffer.byteLength(char, 'utf8');
    if (size + next > maxBytes) break;
    out += char;
    size += next;
  }
  return out + note;
}

/**
 * Writes that go one at a time where only the newest text matters (stream frames): a text written while one is in
 * flight replaces any still waiting; `settle` waits for the last one, so a final write comes after them all.
 */
export function latestWins(write: (text: string) => Promise<void>): { push(text: string): void; settle(): Promise<void>; drop(): void } {
  let waiting: string | undefined;
  let inFlight: Promise<void> | undefined;
  const drain = async () => {
    while (waiting !== undefined) {
      const text = waiting;
      waiting = undefined;
      await write(text);
    }
  };
  return {
    push(text) {
      waiting = text;
      inFlight ??= drain().finally(() => {
        inFlight = undefined;
      });
    },
    settle: async () => {
      await inFlight;
    },
    drop() {
      waiting = undefined;
    },
  };
}
