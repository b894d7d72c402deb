/**
 * Cold-process times and memory of the commands a user waits for, each as a multiple of `node -e 0` measured in the
 * same run, and check time on reports 1×, 10× and 100× the sample's length.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { FakeSlackApi } from '../test/helpers/fake-slack-api.js';
import { BIN, median, repeat, residentAfterWarmUp, runProcess, ROOT } from './process-probe.js';

export const SAMPLE = join(ROOT, '..', 'shared', 'reports', 'lechang-2024-self-eval.txt');
const EXAMPLE = join(ROOT, 'knowledge', 'examples', '示例县数据服务中心-2024-自评报告.txt');
const RUNS = 5;

export interface Startup {
  nodeSeconds: number;
  help: { seconds: number; peakMb: number };
  check: { seconds: number; peakMb: number };
  ask: { seconds: number; peakMb: number };
  firstRun: { seconds: number; peakMb: number };
  /** `npm start` on a data directory that does not exist yet, until the chat prompt (median of 3). */
  npmStart: { seconds: number };
  chat: { rss: number; peak: number; startSeconds: number };
  serve: { rss: number; peak: number; startSeconds: number };
  checkScale: { factor: number; seconds: number; lines: number }[];
}

function sampleText(): string {
  try {
    return readFileSync(SAMPLE, 'utf8');
  } catch {
    return readFileSync(EXAMPLE, 'utf8');
  }
}

export async function measureStartup(): Promise<Startup> {
  const work = mkdtempSync(join(tmpdir(), 'selfeval-bench-start-'));
  try {
    const text = sampleText();
    const reportPath = join(work, '报告.txt');
    writeFileSync(reportPath, text);
    const nodeSeconds = median(Array.from({ length: RUNS }, () => runProcess(['-e', '0']).seconds));
    const help = repeat(RUNS, [BIN, '--help']);
    const check = repeat(RUNS, [BIN, 'check', reportPath]);

    // First run: a data directory that does not exist yet (what `npm start` meets on a fresh machine).
    const dataDir = join(work, 'store');
    const env = { SELFEVAL_DATA_DIR: dataDir, CHAT_MODEL: '', DATABASE_URL: '', EMBEDDING_MODEL: '' };
    const firstRun = runProcess([BIN, 'ask', '结转结余率怎么算'], { env });
    if (firstRun.status !== 0) throw new Error(`首次 ask 失败：${firstRun.stderr.slice(-300)}`);
    const ask = repeat(RUNS, [BIN, 'ask', '结转结余率怎么算'], { env });
    const npmStart = { seconds: median(await Promise.resolve().then(async () => {
      const runs: number[] = [];
      for (let i = 0; i < 3; i++) runs.push(await timeToPrompt({ ...env, SELFEVAL_DATA_DIR: join(work, `fresh-${i}`) }));
      return runs;
    })) };


    const chat = await residentAfterWarmUp(['chat'], {
      env,
      ready: /你> |\/quit/u,
      warmUp: async (child) => {
        const before = child.output().length;
        child.write('结转结余率怎么算\n');
        const deadline = Date.now() + 60_000;
        while (!/来源|没有找到|。/u.test(child.output().slice(before + 12)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      },
    });

    const slackApi = await new FakeSlackApi().start();
    let serve: Startup['serve'];
    try {
      serve = await residentAfterWarmUp(['serve', '--port', '0', '--host', '127.0.0.1'], {
        env: { ...env, SLACK_SIGNING_SECRET: 'bench-secret', SLACK_BOT_TOKEN: slackApi.botToken, SLACK_API_URL: slackApi.apiUrl, LOG_LEVEL: 'error' },
        ready: /服务已启动：http:\/\/127\.0\.0\.1:(\d+)/u,
        warmUp: async (child) => {
          const port = /服务已启动：http:\/\/127\.0\.0\.1:(\d+)/u.exec(child.output())![1];
          for (let i = 0; i < 3; i++) await (await fetch(`http://127.0.0.1:${port}/healthz`)).arrayBuffer();
        },
      });
    } finally {
      await slackApi.stop();
    }

    const checkScale: Startup['checkScale'] = [];
    for (const factor of [1, 10, 100]) {
      const path = join(work, `报告-${factor}x.txt`);
      writeFileSync(path, Array.from({ length: factor }, () => text).join('\n'));
      checkScale.push({ factor, seconds: repeat(3, [BIN, 'check', path]).seconds, lines: text.split('\n').length * factor });
    }
    return {
      nodeSeconds,
      help: { seconds: help.seconds, peakMb: help.peakMb },
      check: { seconds: check.seconds, peakMb: check.peakMb },
      ask: { seconds: ask.seconds, peakMb: ask.peakMb },
      firstRun: { seconds: firstRun.seconds, peakMb: firstRun.peakMb },
      npmStart,
      chat,
      serve,
      checkScale,
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Seconds from spawning `npm start` (as README tells a new user) until the chat prompt appears. */
async function timeToPrompt(env: NodeJS.ProcessEnv): Promise<number> {
  const started = performance.now();
  const child = spawn('npm', ['start', '--silent'], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString('utf8')));
  child.stderr.on('data', (d: Buffer) => (output += d.toString('utf8')));
  try {
    const deadline = Date.now() + 120_000;
    while (!/你> |\/quit/u.test(output)) {
      if (child.exitCode !== null) throw new Error(`npm start 提前退出：${output.slice(-300)}`);
      if (Date.now() > deadline) throw new Error(`npm start 等待超时：${output.slice(-300)}`);
      await new Promise((r) => setTimeout(r, 10));
    }
    return (performance.now() - started) / 1000;
  } finally {
    child.stdin.end();
    await new Promise((done) => {
      child.once('exit', done);
      setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
    });
  }
}

