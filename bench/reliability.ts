/**
 * Reliability benchmark (`npm run bench -- --reliability`, or `node bin/run-ts.js bench/reliability.ts`): the real
 * server process killed with SIGKILL at five moments per platform (test/reliability/crash-scenario.ts) on PGlite
 * (restarted) and on PostgreSQL with two instances (TEST_DATABASE_URL), counting replies per acknowledged message;
 * then a 200 MB-expanding docx and a 300k-row xlsx while 50 other events arrive, recording the acks and peak RSS.
 */
import { rmSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { FakeSlackApi } from '../test/helpers/fake-slack-api.js';
import { FakeWecomApi } from '../test/helpers/fake-wecom-api.js';
import { postSlack, slackEventBody } from '../test/helpers/slack-signing.js';
import { createPostgresTestDatabase, createTestDataDir } from '../test/helpers/test-database.js';
import { callbackRequest, fileMessageXml, postWecom, randomEncodingAesKey, textMessageXml } from '../test/helpers/wecom-callback.js';
import { SLACK_SECRET, slackEnv, wecomEnv } from '../test/channels/channel-harness.js';
import { runCrashScenario, type CrashResult } from '../test/reliability/crash-scenario.js';
import { FakeLlm } from '../test/reliability/fake-llm.js';
import { bombDocx, hugeXlsx } from '../test/reliability/hostile-zip.js';
import { startProbe } from '../test/reliability/probe-process.js';

export interface CrashRow {
  target: string;
  kills: number;
  acknowledged: number;
  exactlyOnce: number;
  duplicates: number;
  lost: number;
}

export interface BombRow {
  otherEvents: number;
  maxAckMs: number;
  p99AckMs: number;
  peakRssMb: number;
  serverUp: boolean;
  uploadersTold: number;
}

export interface ReliabilityBench {
  crashes: CrashRow[];
  skipped: string[];
  bomb: BombRow | undefined;
}

function crashRow(target: string, result: CrashResult): CrashRow {
  const replies = result.counts.flatMap((c) => [c.slack, c.wecom]);
  return {
    target,
    kills: result.kills,
    acknowledged: replies.length,
    exactlyOnce: replies.filter((n) => n === 1).length,
    duplicates: replies.reduce((sum, n) => sum + Math.max(0, n - 1), 0),
    lost: replies.filter((n) => n === 0).length,
  };
}

async function bombRow(): Promise<BombRow> {
  const app = { token: 'benchToken', corpId: 'wwbenchbomb000001', encodingAesKey: randomEncodingAesKey() };
  const slackApi = await new FakeSlackApi().start();
  const wecomApi = await new FakeWecomApi(app.corpId, 'app-secret').start();
  const llm = await new FakeLlm().start();
  const dataDir = await createTestDataDir();
  const probe = await startProbe(
    { ...slackEnv(slackApi.apiUrl, slackApi.botToken), ...wecomEnv(app, wecomApi.url), PROBE_LLM_URL: llm.url, SELFEVAL_DATA_DIR: dataDir },
    { lease: 5, parseTimeoutMs: 20_000 },
  );
  try {
    const [docx, xlsx] = await Promise.all([bombDocx(200), hugeXlsx(300_000)]);
    slackApi.addFile({ id: 'FBOMB', name: '自评报告.docx', bytes: docx, channel: 'CBOMB', ts: '1720000000.000001' });
    wecomApi.addMedia('MBOMB', '评分表.xlsx', xlsx);
    await Promise.all([
      postSlack(`${probe.url}/slack/events`, slackEventBody({ eventId: 'EvBomb', event: { type: 'app_mention', user: 'UB', text: '<@UBOT>', ts: '1720000000.000001', channel: 'CBOMB', files: [{ id: 'FBOMB' }] } }), { secret: SLACK_SECRET }),
      postWecom(probe.url, callbackRequest(app, fileMessageXml({ corpId: app.corpId, user: 'bomb_uploader', mediaId: 'MBOMB', fileName: '评分表.xlsx', msgId: '9300000000000000001' }))),
    ]);
    const acks: number[] = [];
    const others: Promise<void>[] = [];
    for (let i = 0; i < 50; i += 1) {
      const started = performance.now();
      const request =
        i % 2 === 0
          ? postSlack(`${probe.url}/slack/events`, slackEventBody({ eventId: `EvO${i}`, event: { type: 'app_mention', user: `U${i}`, text: `<@UBOT> 问题 ${i}`, ts: `1720000100.${String(i).padStart(6, '0')}`, channel: 'COTHER' } }), { secret: SLACK_SECRET })
          : postWecom(probe.url, callbackRequest(app, textMessageXml({ corpId: app.corpId, user: `other_${i}`, content: `问题 ${i}`, msgId: String(9300000000000000100n + BigInt(i)) })));
      others.push(request.then(async (response) => {
        await response.text();
        acks.push(performance.now() - started);
      }));
      await new Promise((resolve) => setTimeout(resolve, 80));
    }
    await Promise.all(others);
    const told = () => Number(slackApi.messages.some((m) => m.channel === 'CBOMB')) + Number(wecomApi.sent.some((m) => m.touser === 'bomb_uploader'));
    await slackApi.waitFor(() => told() === 2, 'both uploaders told', 60_000).catch(() => undefined);
    acks.sort((a, b) => a - b);
    const serverUp = probe.alive() && (await fetch(`${probe.url}/healthz`).then((r) => r.ok, () => false));
    return {
      otherEvents: acks.length,
      maxAckMs: acks.at(-1) ?? 0,
      p99AckMs: acks[Math.min(acks.length - 1, Math.ceil(acks.length * 0.99) - 1)] ?? 0,
      peakRssMb: probe.peakRssMb(),
      serverUp,
      uploadersTold: told(),
    };
  } finally {
    await probe.stop();
    await Promise.all([slackApi.stop(), wecomApi.stop(), llm.stop()]);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function runReliabilityBench(): Promise<ReliabilityBench> {
  const crashes: CrashRow[] = [];
  const skipped: string[] = [];
  const dataDir = await createTestDataDir();
  try {
    crashes.push(crashRow('PGlite（单实例，重启）', await runCrashScenario('PGlite', { SELFEVAL_DATA_DIR: dataDir }, 1)));
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const test = await createPostgresTestDatabase(url);
    try {
      crashes.push(crashRow('PostgreSQL（两个实例）', await runCrashScenario('PostgreSQL', { DATABASE_URL: test.config.databaseUrl! }, 2)));
    } finally {
      await test.dispose();
    }
  } else {
    skipped.push('PostgreSQL：未设置 TEST_DATABASE_URL，跳过。');
  }
  return { crashes, skipped, bomb: await bombRow() };
}

export function renderReliabilityBench(bench: ReliabilityBench): string {
  const lines = [
    '### 可靠性基准',
    '',
    '| 场景 | kill -9 次数 | 已确认（ack）的消息 | 恰好答复一次 | 重复答复 | 丢失 |',
    '|---|---|---|---|---|---|',
    ...bench.crashes.map((r) => `| ${r.target} | ${r.kills} | ${r.acknowledged} | ${r.exactlyOnce} | ${r.duplicates} | ${r.lost} |`),
    '',
  ];
  for (const reason of bench.skipped) lines.push(`- ${reason}`);
  if (bench.bomb) {
    const b = bench.bomb;
    lines.push(
      '',
      '| 炸弹文件（200 MB 展开的 docx + 30 万行 xlsx）期间 | 测得 | 目标 |',
      '|---|---|---|',
      `| 其他消息的最大 ack（${b.otherEvents} 条） | ${b.maxAckMs.toFixed(0)} ms | < 1000 ms ${b.maxAckMs < 1000 ? '✅' : '❌'} |`,
      `| 其他消息的 ack p99 | ${b.p99AckMs.toFixed(0)} ms | |`,
      `| 服务进程峰值 RSS（含解析线程） | ${b.peakRssMb.toFixed(0)} MB | < 1536 MB ${b.peakRssMb < 1536 ? '✅' : '❌'} |`,
      `| 服务仍在运行 | ${b.serverUp ? '是' : '否'} | 是 ${b.serverUp ? '✅' : '❌'} |`,
      `| 上传者收到中文说明 | ${b.uploadersTold}/2 | 2/2 ${b.uploadersTold === 2 ? '✅' : '❌'} |`,
    );
  }
  return lines.join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const bench = await runReliabilityBench();
  process.stdout.write(`${renderReliabilityBench(bench)}\n`);
  process.exit(0);
}
