import { createAssistant } from '../../src/assistant/conversation.ts';
import { createStoreMemory } from '../../src/assistant/memory.ts';
import type { TurnHandler } from '../../src/assistant/turn.ts';
import { openKnowledgeBase, type KnowledgeBase } from '../../src/knowledge/knowledge-base.ts';
import type { Rubric } from '../../src/model/index.ts';
import { loadRubric } from '../../src/rubric/load-rubric.ts';
import { createTestDatabase, type TestDatabase } from './test-database.ts';

export interface BundledAssistant {
  testDb: TestDatabase;
  knowledge: KnowledgeBase;
  rubric: Rubric;
  assistant: TurnHandler;
}

/** The offline assistant as a user gets it: a test database, the bundled knowledge base (no embedder), the bundled rubric. */
export async function openBundledAssistant(): Promise<BundledAssistant> {
  const testDb = await createTestDatabase();
  const knowledge = await openKnowledgeBase(testDb.config, { db: testDb.db, embedder: null });
  await knowledge.ensureBundled();
  const rubric = await loadRubric();
  return { testDb, knowledge, rubric, assistant: createAssistant({ rubric, memory: createStoreMemory(testDb.db), knowledge }) };
}
