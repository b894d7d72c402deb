import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { StoreError } from './database.js';

/**
 * PGlite takes no lock on its data directory, and two processes writing one directory corrupt it.
 * A pid file guards against a second selfeval process (e.g. `selfeval ingest` while `selfeval serve` runs).
 * A lock left behind by a dead process is taken over.
 */
export interface DataDirLock {
  release(): void;
}

const LOCK_FILE = 'selfeval.lock';

export function acquireDataDirLock(dataDir: string): DataDirLock {
  const path = join(dataDir, LOCK_FILE);
  const holder = readHolder(path);
  if (holder !== undefined && holder !== process.pid && isAlive(holder)) {
    throw new StoreError(
      'store-unavailable',
      `内置数据库目录 ${dataDir} 正被另一个 selfeval 进程（pid ${holder}）使用。请先结束它，或设置不同的 SELFEVAL_DATA_DIR，多实例部署请改用 DATABASE_URL（PostgreSQL）。`,
    );
  }
  writeFileSync(path, String(process.pid));
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    process.off('exit', release);
    if (readHolder(path) === process.pid) rmSync(path, { force: true });
  };
  process.on('exit', release);
  return { release };
}

function readHolder(path: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(path, 'utf8').trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
