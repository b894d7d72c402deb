import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Finding, Report } from '../model/index.js';
import { readDocument } from '../document/read-document.js';
import type { Accounts } from './accounts-model.js';
import { checkAccounts } from './check-accounts.js';
import { crossCheckReport } from './cross-check.js';
import { readAccounts } from './read-accounts.js';

/** A 部门决算 file read, or the Chinese sentence saying why it cannot be used. */
export async function readAccountsFile(path: string): Promise<Accounts | string> {
  const bytes = await readFile(path).catch(() => null);
  if (!bytes) return `无法读取部门决算文件 ${path}。`;
  const read = await readDocument(path, new Uint8Array(bytes));
  if (!read.ok) return `部门决算 ${basename(path)}：${read.problem.message}`;
  const accounts = readAccounts(read.document);
  if (accounts.tables.length === 0) return `${basename(path)} 中没有找到部门决算的标准表（收入支出决算总表、收入决算表、支出决算表等），无法核对。`;
  return accounts;
}

/**
 * What `check --accounts` adds to a report's findings: each money figure against the 决算, then one info on the 决算's
 * own arithmetic (its findings point into the 决算, not the report, so they are summarised here with their places).
 */
export async function accountsFindings(report: Report, path: string): Promise<Finding[] | string> {
  const accounts = await readAccountsFile(path);
  if (typeof accounts === 'string') return accounts;
  const own = checkAccounts(accounts).filter((f) => f.severity !== 'info');
  const summary: Finding = {
    ruleId: 'accounts/own-arithmetic',
    severity: 'info',
    line: 1,
    sectionPath: [],
    message: own.length === 0
      ? `部门决算 ${accounts.name} 读出 ${accounts.tables.length} 张标准表，表内合计、表间同一数字、说明与表格的核对均一致。`
      : `部门决算 ${accounts.name} 读出 ${accounts.tables.length} 张标准表，自身核对发现 ${own.length} 处问题（报告金额仍按决算表格核对）：${own.map((f, i) => `${i + 1}. ${f.message}`).join(' ')}`,
  };
  return [...crossCheckReport(report, accounts), summary];
}
