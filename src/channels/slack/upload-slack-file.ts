import type { webApi } from '@slack/bolt';
import { z } from 'zod';
import type { ReplyFile } from '../../assistant/turn.js';
import type { SlackTarget } from './post-slack-reply.js';

type WebClient = webApi.WebClient;

const UploadUrl = z.object({ ok: z.literal(true), upload_url: z.string().url(), file_id: z.string().min(1) });

/**
 * Send a file into the conversation with Slack's external upload (what files.uploadV2 does): files.getUploadURLExternal
 * for an upload URL, POST the bytes there, then files.completeUploadExternal shares it in the channel/thread.
 */
export async function uploadSlackFile(client: WebClient, target: SlackTarget, file: ReplyFile, fetcher: typeof fetch = fetch): Promise<void> {
  const asked = UploadUrl.safeParse(await client.apiCall('files.getUploadURLExternal', { filename: file.name, length: file.bytes.byteLength }));
  if (!asked.success) throw new Error('files.getUploadURLExternal returned no upload_url');
  const form = new FormData();
  form.append('file', new Blob([file.bytes]), file.name);
  const posted = await fetcher(asked.data.upload_url, { method: 'POST', body: form, signal: AbortSignal.timeout(60_000) });
  if (!posted.ok) throw new Error(`file upload answered HTTP ${posted.status}`);
  await client.apiCall('files.completeUploadExternal', {
    files: JSON.stringify([{ id: asked.data.file_id, title: file.title }]),
    channel_id: target.channel,
    ...(target.threadTs ? { thread_ts: target.threadTs } : {}),
  });
}
