import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { closeLoopback, listenOnLoopback } from '../helpers/loopback-server.ts';
import { readAll } from '../helpers/fake-slack-api.ts';

/**
 * A minimal OpenAI-compatible chat endpoint for the reliability suite: answers at once, or holds the requests whose
 * prompt contains a word in `hold` (never answered: a turn "mid-LLM call" when the test kills the server).
 */
export class FakeLlm {
  readonly prompts: string[] = [];
  readonly hold = new Set<string>();
  readonly held: string[] = [];
  private server: Server | undefined;
  private base = '';

  get url(): string {
    return `${this.base}/v1`;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    this.base = await listenOnLoopback(this.server);
    return this;
  }

  async stop(): Promise<void> {
    await closeLoopback(this.server);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = JSON.parse((await readAll(req)).toString('utf8')) as { messages: Array<{ content: string }> };
    const prompt = body.messages.map((m) => m.content).join('\n');
    this.prompts.push(prompt);
    const word = [...this.hold].find((w) => prompt.includes(w));
    if (word) {
      this.held.push(word);
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(
      JSON.stringify({ id: `c${this.prompts.length}`, object: 'chat.completion', choices: [{ index: 0, message: { role: 'assistant', content: '（模型答复）' }, finish_reason: 'stop' }] }),
    );
  }
}
