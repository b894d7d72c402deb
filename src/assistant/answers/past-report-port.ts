/**
 * What the past-report answers read from the knowledge base (src/knowledge/past-reports.ts implements it): ingested
 * reports by department and year, their indicators, peers' indicators and a year's deductions.
 */
export type {
  PastReports as PastReportPort, PastIndicatorFacts, PastReportInfo, DeductionRow, DeductionTotals,
} from '../../knowledge/past-reports.js';
