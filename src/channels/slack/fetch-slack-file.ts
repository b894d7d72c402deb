import type { webApi } from '@slack/bolt';

type WebClient = webApi.WebClient;
import { ChannelFileError } from '../handle-delivery.js';
import { DownloadTooLargeError, readCapped } from '../read-capped.js';
import { USER_MESSAGES } from '../user-messages.js';
import { FileInfoSchema, type FileInfo } from './slack-payloads.js';

export const MAX_SLACK_FILE_BYTES = 20 * 1024 * 1024;

/** files.info for one file; an unknown or inaccessible file is an expected problem for the user. */
export async function slackFileInfo(client: WebClient, fileId: string): Promise<FileInfo> {
  let raw: unknown;
  try {
    raw = await client.files.info({ file: fileId });
  } catch (error) {
    const code = (error as { data?: { error?: unknown } }).data?.error;
    if (code === 'file_not_found' || code === 'file_deleted') {
      throw new ChannelFileError('file-unavailable', USER_MESSAGES.fileUnavailable, { cause: error });
    }
    throw error;
  }
  const parsed = FileInfoSchema.safeParse(raw);
  if (!parsed.success) throw new ChannelFileError('file-unavailable', USER_MESSAGES.fileUnavailable);
  return parsed.data.file;
}

/**
 * Download a file's bytes from url_private with the bot token, streamed and cut off at MAX_SLACK_FILE_BYTES whatever
 * files.info or Content-Length claimed. The token is only ever sent to Slack's file host or to
 * the configured Web API origin (SLACK_API_URL, e.g. a proxy or a test server).
 */
export async function downloadSlackFile(
  file: FileInfo,
  botToken: string,
  trustedOrigins: readonly string[],
): Promise<{ name: string; bytes: Uint8Array }> {
  if (file.size > MAX_SLACK_FILE_BYTES) throw new ChannelFileError('file-too-large', USER_MESSAGES.fileTooLarge);
  const url = file.url_private_download ?? file.url_private;
  if (!url || !trustedOrigins.includes(new URL(url).origin)) {
    throw new ChannelFileError('file-unavailable', USER_MESSAGES.fileUnavailable);
  }
  const response = await fetch(url, { headers: { authorization: `Bearer ${botToken}` }, signal: AbortSignal.timeout(30_000) });
  if (!response.ok) throw new ChannelFileError('file-unavailable', USER_MESSAGES.fileUnavailable);
  try {
    return { name: file.name, bytes: await readCapped(response, MAX_SLACK_FILE_BYTES) };
  } catch (error) {
    if (error instanceof DownloadTooLargeError) throw new ChannelFileError('file-too-large', USER_MESSAGES.fileTooLarge, { cause: error });
    throw error;
  }
}

/** Where a shared file sits in `channel`: the thread it was shared into, or its own message (top level). */
export function shareOf(file: FileInfo, channel: string): { ts: string; threadTs: string | undefined } | undefined {
  const own = (record: Record<string, Array<{ ts: string; thread_ts?: string | undefined }>> | undefined) =>
    record && Object.hasOwn(record, channel) ? record[channel] : undefined;
  const shares = own(file.shares?.public) ?? own(file.shares?.private);
  const first = shares?.[0];
  return first ? { ts: first.ts, threadTs: first.thread_ts } : undefined;
}
