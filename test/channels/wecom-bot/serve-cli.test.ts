import { spawn, execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFeedbackStore } from '../../../src/store/chat-feedback.ts';
import { openDatabase } from '../../../src/store/open-database.ts';
import { loadConfig } from '../../../src/config/env.ts';
import { FakeWecomBotWs } from '../../helpers/fake-wecom-bot-ws.ts';
import { createTestDataDir } from '../../helpers/test-database.ts';
import { randomEncodingAesKey } from '../../helpers/wecom-callback.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const BIN = join(ROOT, 'bin', 'selfeval.js');

/** `selfeval serve` and `selfeval feedback` as a user runs them. */
describe('selfeval serve with a 智能机器人, and selfeval feedback', () => {
  const fake = new FakeWecomBotWs({ botId: 'BOTS', secret: 'right-secret' });
  let dataDir: string;

  beforeAll(async () => {
    await fake.start();
    dataDir = await createTestDataDir();
  }, 60_000);
  afterAll(async () => {
    await fake.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** Run serve until `done(stderr)` holds, then SIGTERM; returns stderr and the health answer. */
  const serve = async (env: Record<string, string>, done: (stderr: string) => boolean) => {
    const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--host', '127.0.0.1'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', SELFEVAL_DATA_DIR: dataDir, LOG_LEVEL: 'error', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    const until = Date.now() + 150_000;
    while (!done(stderr)) {
      if (Date.now() > until || child.exitCode !== null) throw new Error(`serve did not get there:\n${stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const port = /http:\/\/127\.0\.0\.1:(\d+)/.exec(stderr)?.[1];
    const health = port ? ((await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()) as Record<string, unknown>) : undefined;
    child.kill('SIGTERM');
    const code = await exited;
    return { stderr, health, code };
  };

  it('with only the bot id and secret: starts the long connection and says so in one line', async () => {
    const { stderr, health, code } = await serve(
      { WECOM_BOT_ID: 'BOTS', WECOM_BOT_SECRET: 'right-secret', WECOM_BOT_WS_URL: fake.url },
      (err) => err.includes('长连接已建立') && err.includes('服务已启动'),
    );
    expect(stderr.match(/企业微信智能机器人长连接已建立（机器人 BOTS），不需要公网地址。/gu)).toHaveLength(1);
    expect(stderr).toContain('企业微信智能机器人：开（长连接）');
    expect(health).toMatchObject({ status: 'ok', wecomBot: true, slack: false, wecom: false });
    expect(code).toBe(0);
  }, 180_000);

  it('with a wrong secret: one Chinese sentence, and the self-built app channel stays up', async () => {
    const before = fake.failedAuthentications;
    const { stderr, health } = await serve(
      {
        WECOM_BOT_ID: 'BOTS',
        WECOM_BOT_SECRET: 'wrong-secret',
        WECOM_BOT_WS_URL: fake.url,
        WECOM_CORP_ID: 'wwserve',
        WECOM_AGENT_ID: '1000002',
        WECOM_SECRET: 'app-secret',
        WECOM_TOKEN: 'tok',
        WECOM_ENCODING_AES_KEY: randomEncodingAesKey(),
      },
      (err) => err.includes('认证失败') && err.includes('服务已启动'),
    );
    const sentence = '企业微信智能机器人长连接认证失败：WECOM_BOT_ID 或 WECOM_BOT_SECRET 不正确，智能机器人渠道未开启，其他渠道照常运行。';
    expect(stderr.split(sentence)).toHaveLength(2); // said once
    expect(health).toMatchObject({ status: 'ok', wecom: true });
    expect(fake.failedAuthentications - before).toBe(1); // no retry storm with a wrong secret
  }, 180_000);

  it('selfeval feedback lists the answers marked down', async () => {
    const db = await openDatabase(loadConfig({ SELFEVAL_DATA_DIR: dataDir }));
    const store = createFeedbackStore(db);
    await store.recordAnswer({ feedbackId: 'fb-1', channel: 'wecom-bot', thread: 't', user: 'wecom-bot:BOTS:zhangsan', question: '总分多少', answer: '总分 99 分。', mode: 'llm' });
    await store.recordAnswer({ feedbackId: 'fb-2', channel: 'wecom-bot', thread: 't', user: 'wecom-bot:BOTS:lisi', question: '结转结余率', answer: '3.89%。', mode: 'offline' });
    await store.rate('fb-1', 'down', { reasons: [2], comment: '应该是 96 + 3' });
    await store.rate('fb-2', 'up');
    await db.close();
    const output = await new Promise<string>((resolve, reject) =>
      execFile(process.execPath, [BIN, 'feedback'], { cwd: ROOT, env: { ...process.env, SELFEVAL_DATA_DIR: dataDir } }, (error, stdout) =>
        error ? reject(error) : resolve(stdout),
      ),
    );
    expect(output).toContain('问：总分多少');
    expect(output).toContain('答：总分 99 分。');
    expect(output).toContain('用户说：应该是 96 + 3');
    expect(output).toContain('共 1 条被点“踩”的回答。');
    expect(output).not.toContain('结转结余率');
  }, 60_000);
});
