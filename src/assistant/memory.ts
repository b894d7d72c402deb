import { z } from 'zod';
import { ReportSchema, type Report } from '../model/index.js';
import type { Database } from '../store/database.js';
import type { TurnMemo } from './answers/answer.js';

/** Conversation memory per thread: the last turns and the report loaded in the thread. `/reset` clears both. */
export interface StoredTurn {
  role: 'user' | 'assistant';
  text: string;
  memo: TurnMemo | null;
}

export interface ThreadState {
  report: { name: string; report: Report } | null;
  turns: StoredTurn[]; // oldest first
}

export interface ConversationMemory {
  load(thread: string): Promise<ThreadState>;
  append(thread: string, turns: StoredTurn[]): Promise<void>;
  setReport(thread: string, name: string, report: Report): Promise<void>;
  reset(thread: string): Promise<void>;
}

export const DEFAULT_MAX_TURNS = 20;

const TurnMemoSchema = z.object({
  intent: z.string(),
  items: z.array(z.string()),
  section: z.string().optional(),
  shorter: z.boolean().optional(),
  notices: z.array(z.string()).optional(),
  topic: z.string().optional(),
});
const TurnRowSchema = z.object({ role: z.enum(['user', 'assistant']), text: z.string(), memo: TurnMemoSchema.nullable() });
const ThreadRowSchema = z.object({ report_name: z.string().nullable(), report: z.unknown(), loaded: z.string().nullable() });

/** Memory in the store (PGlite or PostgreSQL): survives restarts and is shared by several server instances. */
export function createStoreMemory(db: Database, options: { maxTurns?: number } = {}): ConversationMemory {
  const maxTurns = options.maxTurns ?? DEFAULT_MAX_TURNS;
  const parsedReports = new Map<string, { loaded: string; report: Report }>(); // thread → parsed report, by load time
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
      const row = threads.rows[0] ? ThreadRowSchema.safeParse(threads.rows[0]) : null;
      if (!row?.success || row.data.report_name === null || row.data.loaded === null) return { report: null, turns };
      const cached = parsedReports.get(thread);
      if (cached && cached.loaded === row.data.loaded) return { report: { name: row.data.report_name, report: cached.report }, turns };
      const raw = typeof row.data.report === 'string' ? JSON.parse(row.data.report) : row.data.report;
      const report = ReportSchema.safeParse(raw);
      if (!report.success) return { report: null, turns }; // a stored report from an older model: ask to load again
      parsedReports.set(thread, { loaded: row.data.loaded, report: report.data });
      return { report: { name: row.data.report_name, report: report.data }, turns };
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
    async reset(thread) {
      parsedReports.delete(thread);
      await db.transaction(async (tx) => {
        await tx.query('DELETE FROM assistant_turns WHERE thread = $1', [thread]);
        await tx.query('DELETE FROM assistant_threads WHERE thread = $1', [thread]);
      });
    },
  };
}

/** Memory for one process only (one-shot `selfeval ask`, tests of other parts). */
export function createVolatileMemory(options: { maxTurns?: number } = {}): ConversationMemory {
  const maxTurns = options.maxTurns ?? DEFAULT_MAX_TURNS;
  const threads = new Map<string, ThreadState>();
  const get = (thread: string) => threads.get(thread) ?? { report: null, turns: [] };
  return {
    load: async (thread) => {
      const state = get(thread);
      return { report: state.report, turns: [...state.turns] };
    },
    append: async (thread, turns) => {
      const state = get(thread);
      threads.set(thread, { report: state.report, turns: [...state.turns, ...turns].slice(-maxTurns) });
    },
    setReport: async (thread, name, report) => {
      threads.set(thread, { report: { name, report }, turns: get(thread).turns });
    },
    reset: async (thread) => {
      threads.delete(thread);
    },
  };
}
