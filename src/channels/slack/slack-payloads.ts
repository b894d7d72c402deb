import { z } from 'zod';

/** The parts of Slack payloads the channel uses, parsed with zod at the boundary (Bolt has verified the signature). */
const FileRef = z.object({ id: z.string().min(1), name: z.string().optional() });

export const EnvelopeSchema = z.object({ team_id: z.string().min(1), event_id: z.string().min(1) });

export const AppMentionSchema = z.object({
  type: z.literal('app_mention'),
  user: z.string().min(1),
  text: z.string().default(''),
  ts: z.string().min(1),
  thread_ts: z.string().optional(),
  channel: z.string().min(1),
  bot_id: z.string().optional(),
  files: z.array(FileRef).default([]),
});

export const DirectMessageSchema = z.object({
  type: z.literal('message'),
  channel_type: z.literal('im'),
  subtype: z.enum(['file_share']).optional(), // other subtypes (edits, deletions, bot messages) are not turns
  user: z.string().min(1),
  text: z.string().default(''),
  ts: z.string().min(1),
  thread_ts: z.string().optional(),
  channel: z.string().min(1),
  bot_id: z.undefined().optional(),
  files: z.array(FileRef).default([]),
});

export const FileSharedSchema = z.object({
  type: z.literal('file_shared'),
  file_id: z.string().min(1),
  user_id: z.string().min(1),
  channel_id: z.string().min(1),
  event_ts: z.string().optional(),
});

export const SlashCommandSchema = z.object({
  team_id: z.string().min(1),
  channel_id: z.string().min(1),
  user_id: z.string().min(1),
  text: z.string().default(''),
  trigger_id: z.string().min(1),
  /** Sent by clients that allow a slash command inside a thread; absent otherwise (Slack's documented payload). */
  thread_ts: z.string().optional(),
});

const Share = z.object({ ts: z.string(), thread_ts: z.string().optional() });
export const FileInfoSchema = z.object({
  ok: z.literal(true),
  file: z.object({
    id: z.string(),
    name: z.string().default('report'),
    size: z.number().int().nonnegative().default(0),
    url_private: z.string().url().optional(),
    url_private_download: z.string().url().optional(),
    shares: z
      .object({ public: z.record(z.string(), z.array(Share)).optional(), private: z.record(z.string(), z.array(Share)).optional() })
      .optional(),
  }),
});
export type FileInfo = z.infer<typeof FileInfoSchema>['file'];
