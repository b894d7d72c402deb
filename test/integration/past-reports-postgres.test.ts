import { describe, it } from 'vitest';
import { createPostgresTestDatabase, testDatabaseUrl } from '../helpers/test-database.ts';
import { pastReportSuite } from '../knowledge/past-report-suite.ts';

const url = testDatabaseUrl();
if (url) pastReportSuite('PostgreSQL', () => createPostgresTestDatabase(url));
else describe.skip('past reports on PostgreSQL (TEST_DATABASE_URL not set)', () => it('skipped', () => undefined));
