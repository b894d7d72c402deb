import type { Database } from '../store/database.js';
import {
  deductionsByIndicator, findPastIndicators, findPastReports, pastIndicatorNames, pastReportDepartments,
  type DeductionTotals, type PastIndicatorFacts, type PastIndicatorQuery, type PastReportInfo, type PastReportQuery,
} from './past-report-store.js';

export type { DeductionRow, DeductionTotals, PastIndicatorFacts, PastIndicatorQuery, PastReportInfo, PastReportQuery } from './past-report-store.js';

/** The knowledge base's past reports, each query limited to the caller's scope (plus `public`). */
export interface PastReports {
  reports(query: PastReportQuery): Promise<PastReportInfo[]>;
  departments(scope?: string): Promise<string[]>;
  indicatorNames(scope?: string): Promise<string[]>;
  indicators(query: PastIndicatorQuery): Promise<PastIndicatorFacts[]>;
  deductions(query: { scope?: string; year: number | null; examples?: number }): Promise<DeductionTotals>;
}

export function pastReportsOf(db: Pick<Database, 'query'>, checkScope: (scope: string | undefined) => string | undefined): PastReports {
  return {
    reports: async (query) => findPastReports(db, { ...query, scope: checkScope(query.scope) }),
    departments: async (scope) => pastReportDepartments(db, checkScope(scope)),
    indicatorNames: async (scope) => pastIndicatorNames(db, checkScope(scope)),
    indicators: async (query) => findPastIndicators(db, { ...query, scope: checkScope(query.scope) }),
    deductions: async (query) => deductionsByIndicator(db, { ...query, scope: checkScope(query.scope) }),
  };
}
