import { z } from 'zod';
import { ReportSchema, type Report } from '../model/index.js';
import type { Database } from '../store/database.js';
import { createRecentFiles } from '../store/recent-files.js';
import type { TurnMemo } from './answers/answer.js';

/**
 * What an answer leaves for the next turn besides the answer composers' memo: its subject (an indicator, a figure's
 * topic), the rest of a long answer (「详情」), and the draft it produced (「短一点」「发我Word文件」).
 */
export interface ConversationMemo extends TurnMemo {
  subject?: { indicator?: string; topic?: string };
  details?: string;
  draft?: { section: string; text: string; subject?: string; shorter?: boolean };
}

/** Conversation memory per thread: the last turns, the report and the last file sent in the thread. `/reset` clears all. */
export interface StoredTurn {
  role: 'user' | 'assistant';
  text: string;
  memo: ConversationMemo | null;
}

export interface ThreadState {
  report: { name: string; report: Report } | null;
  /** The last file sent in the thread (its bytes through loadFile). */
  file: { name: string } | null;
  turns: StoredTurn[]; // oldest first
}

export interface ConversationMemory {
  load(thread: string): Promise<ThreadState>;
  append(thread: string, turns: StoredTurn[]): Promise<void>;
  setReport(thread: string, name: string, report: Report): Promise<void>;
  /** Keep the file as the thread's last file (one per thread; larger than MAX_THREAD_FILE_BYTES is not kept). */
  setFile(thread: string, name: string, bytes: Uint8Array): Promise<void>;
  loadFile(thread: string): Promise<{ name: string; bytes: Uint8Array } | null>;
  reset(thread: string): Promise<void>;
}

export const DEFAULT_MAX_TURNS = 20;
/** The chat download limit (a larger file never reaches the assistant); the same bound for the kept file. */
export const MAX_THREAD_FILE_BYTES = 20 * 1024 * 1024;

const TurnMemoSchema = z.object({
  intent: z.string(),
  items: z.array(z.string()),
  section: z.string().optional(),
  shorter: z.boolean().optional(),
  notices: z.array(z.string()).optional(),
  topic: z.string().optional(),
  subject: z.object({ indicator: z.string().optional(), topic: z.string().optional() }).optional(),
  details: z.string().optional(),
  draft: z.object({ section: z.string(), text: z.string(), subject: z.string().optional(), shorter: z.boolean().optional() }).optional(),
});
const TurnRowSchema = z.object({ role: z.enum(['user', 'assistant']), text: z.string(), memo: TurnMemoSchema.nullable() });
const ThreadRowSchema = z.object({ report_name: z.string().nullable(), report: z.unknown(), loaded: z.string().nullable() });
const FileNameRow = z.object({ name: z.string() });
/** A thread's last file is used for a day (the same window as the 智能机器人 channel's recent files). */
const FILE_MAX_AGE_HOURS = 24;

/** Memory in the store (PGlite or PostgreSQL): survives restarts and is shared by several server instances. */
export function createStoreMemory(db: Database, options: { maxTurns?: number } = {}): ConversationMemory {
  const maxTurns = options.maxTurns ?? DEFAULT_MAX_TURNS;
  const parsedReports = new Map<string, { loaded: string; report: Report }>(); // thread → parsed report, by load time
  const recentFiles = createRecentFiles(db);
  return {
    async load(thread) {
      const threads = await db.query(
        'SELECT report_name, report, report_loaded_at::text AS loaded FROM assistant_threads WHERE thread = $1',
        [thread],
      );
      const turnRows = await db.query(
        'SELECT role, text, memo FROM (SELECT id, role, text, memo FROM assistant_turns WHERE thread = $1 ORDER BY id DESC LIMIT $2) t ORDER BY id',
        [thread, maxTurns],
      );
      const turns = turnRows.rows.flatMap((row) => {
        const parsed = TurnRowSchema.safeParse(row);
        return parsed.success ? [parsed.data] : [];
      });
      const fileRows = await db.query(
        'SELECT name FROM chat_recent_files WHERE thread = $1 AND stored_at > now() - make_interval(hours => $2)',
        [thread, FILE_MAX_AGE_HOURS],
      );
      const fileRow = FileNameRow.safeParse(fileRows.rows[0]);
      const file = fileRow.success ? { name: fileRow.data.name } : null;
      const row = threads.rows[0] ? ThreadRowSchema.safeParse(threads.rows[0]) : null;
      if (!row?.success || row.data.report_name === null || row.data.loaded === null) return { report: null, file, turns };
      const cached = parsedReports.get(thread);
      if (cached && cached.loaded === row.data.loaded) return { report: { name: row.data.report_name, report: cached.report }, file, turns };
      const raw = typeof row.data.report === 'string' ? JSON.parse(row.data.report) : row.data.report;
      const report = ReportSchema.safeParse(raw);
      if (!report.success) return { report: null, file, turns }; // a stored report from an older model: ask to load again
      parsedReports.set(thread, { loaded: row.data.loaded, report: report.data });
      return { report: { name: row.data.report_name, report: report.data }, file, turns };
    },
    async append(thread, turns) {
      if (turns.length === 0) return;
      await db.transaction(async (tx) => {
        await tx.query(
          'INSERT INTO assistant_threads (thread) VALUES ($1) ON CONFLICT (thread) DO UPDATE SET updated_at = now()',
          [thread],
        );
        for (const turn of turns) {
          await tx.query('INSERT INTO assistant_turns (thread, role, text, memo) VALUES ($1, $2, $3, $4)', [
            thread,
            turn.role,
            turn.text,
            turn.memo === null ? null : JSON.stringify(turn.memo),
          ]);
        }
        await tx.query(
          'DELETE FROM assistant_turns WHERE thread = $1 AND id NOT IN (SELECT id FROM assistant_turns WHERE thread = $1 ORDER BY id DESC LIMIT $2)',
          [thread, maxTurns],
        );
      });
    },
    async setReport(thread, name, report) {
      parsedReports.delete(thread);
      await db.query(
        `INSERT INTO assistant_threads (thread, report_name, report, report_loaded_at) VALUES ($1, $2, $3, clock_timestamp())
         ON CONFLICT (thread) DO UPDATE SET report_name = $2, report = $3, report_loaded_at = clock_timestamp(), updated_at = now()`,
        [thread, name, JSON.stringify(report)],
      );
    },
    async setFile(thread, name, bytes) {
      if (bytes.byteLength > MAX_THREAD_FILE_BYTES) return;
      await recentFiles.put(thread, { name, bytes });
    },
    async loadFile(thread) {
      return (await recentFiles.get(thread, FILE_MAX_AGE_HOURS)) ?? null;
    },
    async reset(thread) {
      parsedReports.delete(thread);
      await db.transaction(async (tx) => {
        await tx.query('DELETE FROM assistant_turns WHERE thread = $1', [thread]);
        await tx.query('DELETE FROM assistant_threads WHERE thread = $1', [thread]);
        await tx.query('DELETE FROM chat_recent_files WHERE thread = $1', [thread]);
      });
    },
  };
}

/** Memory for one process only (one-shot `selfeval ask`, tests of other parts). */
export function createVolatileMemory(options: { maxTurns?: number } = {}): ConversationMemory {
  const maxTurns = options.maxTurns ?? DEFAULT_MAX_TURNS;
  const threads = new Map<string, { report: ThreadState['report']; file: { name: string; bytes: Uint8Array } | null; turns: StoredTurn[] }>();
  const get = (thread: string) => threads.get(thread) ?? { report: null, file: null, turns: [] };
  return {
    load: async (thread) => {
      const state = get(thread);
      return { report: state.report, file: state.file ? { name: state.file.name } : null, turns: [...state.turns] };
    },
    append: async (thread, turns) => {
      const state = get(thread);
      threads.set(thread, { ...state, turns: [...state.turns, ...turns].slice(-maxTurns) });
    },
    setReport: async (thread, name, report) => {
      threads.set(thread, { ...get(thread), report: { name, report } });
    },
    setFile: async (thread, name, bytes) => {
      if (bytes.byteLength > MAX_THREAD_FILE_BYTES) return;
      threads.set(thread, { ...get(thread), file: { name, bytes } });
    },
    loadFile: async (thread) => get(thread).file,
    reset: async (thread) => {
      threads.delete(thread);
    },
  };
}
