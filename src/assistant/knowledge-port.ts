import type { Citation } from '../model/index.js';
import type { PastReportPort } from './answers/past-report-port.js';

/**
 * The part of the knowledge base the assistant uses (src/knowledge/knowledge-base.ts implements it).
 * Kept narrow so that the assistant can be tested with the real knowledge base or without one.
 */
export interface KnowledgeSearch {
  search(query: string, options: { scope: string; k: number }): Promise<{ results: Citation[]; mode: string }>;
  /** Indicators parsed from past reports in the knowledge base (for "compare with last year"). */
  findIndicators?(query: PastIndicatorQuery): Promise<PastIndicator[]>;
  /** Past reports as structured knowledge (answers/past-report-answer.ts). */
  readonly past?: PastReportPort;
  /** Documents of a scope with the path each was ingested from (last year's report read again for a draft). */
  list?(scope?: string): Promise<{ scope: string; source: string; originPath: string }[]>;
}

export interface PastIndicatorQuery {
  scope?: string;
  department?: string;
  year?: number;
  /** Indicator name or part of it. */
  name: string;
}

export interface PastIndicator {
  source: string;
  department: string | null;
  year: number | null;
  name: string;
  path: string[];
  weight: number | null;
  score: number | null;
  assessed: boolean;
  line: number;
}
