import type { TemplateCard } from '@wecom/aibot-node-sdk';

/**
 * The callback mode's streams: WeCom asks for the rest of an answer (a stream refresh naming the stream id) until a
 * refresh is answered with finish=true, for up to six minutes after the user's message. Each stream's latest content
 * lives here until then; a refresh is answered from it at once. In memory: after a restart a refresh for a lost
 * stream is closed with a sentence, and the recovered turn answers through the message's response_url.
 */
export interface StreamState {
  content: string;
  finished: boolean;
  card: TemplateCard | undefined;
  /** The delivery whose answer this is (a resent message is answered from its stream). */
  key: string;
  touched: number;
}

/** WeCom stops refreshing six minutes after the message; kept a little longer. */
const KEEP_MS = 7 * 60_000;

export class CallbackStreams {
  private readonly streams = new Map<string, StreamState>();

  constructor(private readonly now: () => number = Date.now) {}

  open(streamId: string, key: string, content: string): void {
    this.prune();
    if (!this.streams.has(streamId)) this.streams.set(streamId, { content, finished: false, card: undefined, key, touched: this.now() });
  }

  update(streamId: string, content: string): void {
    const state = this.streams.get(streamId);
    if (!state || state.finished) return;
    state.content = content;
    state.touched = this.now();
  }

  finish(streamId: string, content: string, card: TemplateCard | undefined): void {
    const state = this.streams.get(streamId);
    if (!state) return;
    Object.assign(state, { content, card, finished: true, touched: this.now() });
  }

  get(streamId: string): StreamState | undefined {
    return this.streams.get(streamId);
  }

  get size(): number {
    return this.streams.size;
  }

  private prune(): void {
    const old = this.now() - KEEP_MS;
    for (const [id, state] of this.streams) if (state.touched < old) this.streams.delete(id);
  }
}
