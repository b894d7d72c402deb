/**
 * The channel server as `selfeval serve` runs it (createChannelServer: Bolt's receiver, the WeCom handler, the
 * deliveries ledger with leases, the recovery sweep, the file screen in a worker thread), as a child process the
 * reliability suite can kill -9. Only the assistant is a small stand-in that starts quickly: it parses attachments off
 * the event loop like the real one, and asks the model (the suite's fake OpenAI server) for every answer, so a test
 * can hold a turn "mid-LLM call". Configuration comes from the environment, like `selfeval serve`.
 *
 *   node --import tsx test/reliability/serve-entry.ts --lease 2 --parse-timeout 8000
 *   env: SLACK_* / WECOM_* (with SLACK_API_URL / WECOM_API_BASE), SELFEVAL_DATA_DIR or DATABASE_URL,
 *        PROBE_LLM_URL (base URL of an OpenAI-compatible server), SCOPES_FILE.
 */
import type { Reply, Turn, TurnHandler } from '../../src/assistant/turn.ts';
import { createLogger } from '../../src/channels/logger.ts';
import { createFileScreen } from '../../src/channels/screen-file.ts';
import { createChannelServer } from '../../src/channels/server.ts';
import { loadConfig } from '../../src/config/env.ts';
import { readReportBytesOffThread, stopParseWorkers } from '../../src/report/worker/read-report-off-thread.ts';
import { openDatabase } from '../../src/store/open-database.ts';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const at = args.indexOf(name);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const leaseSeconds = option('--lease', 15);
const parseTimeoutMs = option('--parse-timeout', 20_000);
const llmUrl = process.env.PROBE_LLM_URL;

class ProbeAssistant implements TurnHandler {
  async handle(turn: Turn): Promise<Reply> {
    const loaded: string[] = [];
    for (const attachment of turn.attachments) {
      const parsed = await readReportBytesOffThread(attachment.name, attachment.bytes, { timeoutMs: parseTimeoutMs });
      loaded.push(parsed.ok ? `已加载“${attachment.name}”` : `没能加载“${attachment.name}”：${parsed.problems[0]?.message ?? ''}`);
    }
    let model = '';
    if (llmUrl) {
      const response = await fetch(`${llmUrl}/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'probe', messages: [{ role: 'user', content: turn.text }] }),
        signal: AbortSignal.timeout(60_000),
      });
      const json = (await response.json()) as { choices?: Array<{ message?: { content?: string } }> };
      model = json.choices?.[0]?.message?.content ?? '';
    }
    return { text: `答复【${turn.text}】${loaded.join('；')}${model}`, citations: [], findings: [], mode: 'llm', notes: [] };
  }
}

const config = loadConfig(process.env);
const db = await openDatabase(config);
const logger = createLogger({ level: 'info' });
const server = await createChannelServer({
  config,
  db,
  assistant: new ProbeAssistant(),
  logger,
  leaseSeconds,
  screenFile: createFileScreen({ timeoutMs: parseTimeoutMs }),
});
const port = await server.listen(0, '127.0.0.1');
process.stdout.write(`LISTENING ${port}\n`);
const stop = async () => {
  await server.close(5_000);
  await stopParseWorkers();
  await db.close();
  process.exit(0);
};
process.once('SIGTERM', () => void stop());
process.once('SIGINT', () => void stop());
