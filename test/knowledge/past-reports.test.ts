import { createTestDatabase } from '../helpers/test-database.ts';
import { pastReportSuite } from './past-report-suite.ts';

pastReportSuite('PGlite', createTestDatabase);
