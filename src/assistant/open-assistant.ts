import type { Config } from '../config/env.js';
import type { Rubric } from '../model/index.js';
import { openDatabase } from '../store/open-database.js';
import type { Database } from '../store/database.js';
import { openKnowledgeBase, type IngestProgress, type KnowledgeBase } from '../knowledge/knowledge-base.js';
import { loadRubric } from '../rubric/load-rubric.js';
import { getSegmenter } from '../knowledge/segment.js';
import { createAssistant, type AssistantLogger } from './conversation.js';
import { createStoreMemory, createVolatileMemory, type ConversationMemory } from './memory.js';
import { llmSettingsFrom, type LlmSettings } from './llm/llm-settings.js';
import type { TurnHandler } from './turn.js';

export interface OpenedAssistant {
  assistant: TurnHandler;
  memory: ConversationMemory;
  knowledge: KnowledgeBase;
  rubric: Rubric;
  llm: LlmSettings | null;
  close(): Promise<void>;
}

export interface OpenAssistantOptions {
  /** 'store': memory in the database (chat, serve); 'volatile': this process only (one-shot ask). */
  memory?: 'store' | 'volatile';
  /** Build the bundled knowledge base on first run (with progress), reuse it after. */
  ensureBundled?: boolean;
  onProgress?: (event: IngestProgress) => void;
  onNotice?: (message: string) => void;
  rubricPath?: string;
  logger?: AssistantLogger;
  llm?: Partial<LlmSettings>;
}

/** The composition root: store, knowledge base, memory, rubric and model settings from the configuration. */
export async function openAssistant(config: Config, options: OpenAssistantOptions = {}): Promise<OpenedAssistant> {
  // PGlite starts in its own thread: meanwhile this thread loads the rubric and the word segmenter (≈0.3 s each).
  const opening = openDatabase(config, { onNotice: options.onNotice });
  let rubric: Rubric;
  try {
    rubric = await loadRubric(options.rubricPath);
    getSegmenter();
  } catch (error) {
    await opening.then((db) => db.close(), () => undefined);
    throw error;
  }
  const db: Database = await opening;
  let knowledge: KnowledgeBase | undefined;
  try {
    knowledge = await openKnowledgeBase(config, { db, onNotice: options.onNotice });
    if (options.ensureBundled) {
      const summary = await knowledge.ensureBundled(options.onProgress);
      for (const notice of summary.notices) options.onNotice?.(notice);
    }
    const memory = options.memory === 'volatile' ? createVolatileMemory() : createStoreMemory(db);
    const llm = llmSettingsFrom(config.llm, options.llm);
    const assistant = createAssistant({ rubric, memory, knowledge, llm, ...(options.logger ? { logger: options.logger } : {}) });
    const opened = knowledge;
    return {
      assistant,
      memory,
      knowledge: opened,
      rubric,
      llm,
      close: async () => {
        await opened.close();
        await db.close();
      },
    };
  } catch (error) {
    await knowledge?.close().catch(() => undefined);
    await db.close().catch(() => undefined);
    throw error;
  }
}
