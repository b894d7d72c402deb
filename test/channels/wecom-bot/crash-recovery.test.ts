import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeResponseUrl, botCallbackRequest, openBotReply, postBotCallback } from '../../helpers/fake-wecom-bot-callback.ts';
import { botMessage, FakeWecomBotWs } from '../../helpers/fake-wecom-bot-ws.ts';
import { createTestDataDir } from '../../helpers/test-database.ts';
import { randomEncodingAesKey } from '../../helpers/wecom-callback.ts';
import { FakeLlm } from '../../reliability/fake-llm.ts';
import { startProbe, type ProbeProcess } from '../../reliability/probe-process.ts';

/**
 * kill -9 in the middle of a stream: the server process (test/reliability/serve-entry.ts: the real channel server,
 * a probe assistant that asks the fake model for every answer) has sent the stream's first frame and waits on the
 * model when it is killed. The restarted process takes the delivery over when its lease runs out and answers it
 * once: pushed over the long connection (the old stream's req_id died with the old connection), or through the
 * message's response_url in callback mode.
 */
describe('WeCom 智能机器人: a crash mid-stream is recovered after restart', () => {
  const fake = new FakeWecomBotWs({ botId: 'BOTC', secret: 'crash-secret' });
  const responseUrl = new FakeResponseUrl();
  const app = { token: 'crashToken', encodingAesKey: randomEncodingAesKey() };
  const llm = new FakeLlm();
  let dataDir: string;
  const probes: ProbeProcess[] = [];

  beforeAll(async () => {
    await Promise.all([fake.start(), responseUrl.start(), llm.start()]);
    dataDir = await createTestDataDir();
  }, 60_000);
  afterAll(async () => {
    for (const probe of probes) await probe.stop().catch(() => undefined);
    await Promise.all([fake.stop(), responseUrl.stop(), llm.stop()]);
    rmSync(dataDir, { recursive: true, force: true });
  });

  const env = () => ({
    SELFEVAL_DATA_DIR: dataDir,
    PROBE_LLM_URL: llm.url,
    WECOM_BOT_ID: 'BOTC',
    WECOM_BOT_SECRET: 'crash-secret',
    WECOM_BOT_WS_URL: fake.url,
    WECOM_BOT_TOKEN: app.token,
    WECOM_BOT_ENCODING_AES_KEY: app.encodingAesKey,
  });
  const start = async () => {
    const probe = await startProbe(env(), { lease: 2 });
    probes.push(probe);
    return probe;
  };

  it('long connection and callback: killed while the model answers, answered once after the restart', async () => {
    llm.hold.add('崩溃');
    const first = await start();
    await fake.waitFor(() => fake.authentications === 1, 'the first process to connect', 30_000);
    const reqId = fake.push(botMessage({ bot: 'BOTC', msgid: 'K1', user: 'zhangsan', text: '崩溃前 总分多少' }));
    const callbackMessage = botMessage({ bot: 'BOTC', msgid: 'K2', user: 'lisi', text: '崩溃后 结转结余率', responseUrl: responseUrl.url('k2') });
    const posted = await postBotCallback(first.url, botCallbackRequest(app, callbackMessage));
    const opened = openBotReply(app, posted.text)!;
    expect(opened).toMatchObject({ msgtype: 'stream', stream: { finish: false } });
    const streamId = (opened.stream as { id: string }).id;
    await fake.waitFor(() => fake.replies(reqId).length === 1 && llm.held.length === 2, 'both turns mid-stream, waiting on the model', 30_000);
    expect(fake.streamContents(reqId)).toEqual(['收到，正在处理……']);

    await first.kill9();
    llm.hold.clear();
    const second = await start();
    await fake.waitFor(() => fake.pushes('zhangsan').length === 1, 'the recovered answer pushed', 60_000);
    await fake.waitFor(() => responseUrl.posted.length === 1, 'the recovered callback answer', 60_000);
    expect(String((fake.pushes('zhangsan')[0]!.markdown as { content: string }).content)).toContain('答复【崩溃前 总分多少】');
    expect(responseUrl.posted[0]).toMatchObject({ path: '/cgi-bin/aibot/response?response_code=k2' });
    expect(String((responseUrl.posted[0]!.body.markdown as { content: string }).content)).toContain('答复【崩溃后 结转结余率】');
    // WeCom's refresh of the killed stream, on the restarted process: closed, the answer went through response_url.
    const refresh = await postBotCallback(second.url, botCallbackRequest(app, { ...callbackMessage, msgid: 'K2-r', msgtype: 'stream', stream: { id: streamId } }));
    expect(openBotReply(app, refresh.text)).toMatchObject({ msgtype: 'stream', stream: { finish: true, content: '这条回答将另行发送。' } });
    expect(second.logs.filter((l) => l.event === 'delivery.recovered' && String(l.delivery).startsWith('wecom-bot:BOTC:'))).toHaveLength(2);
    // Once each: nothing more arrives.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect(fake.pushes('zhangsan').filter((p) => p.msgtype === 'markdown')).toHaveLength(1);
    expect(responseUrl.posted).toHaveLength(1);
  }, 150_000);
});
