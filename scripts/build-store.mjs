// The prepared knowledge store: a PGlite data directory with every migration applied and the bundled knowledge/
// folder indexed, built once (at `npm ci` through `prepare`, and before `npm test` when stale) into
// dist/store-template/. A new SELFEVAL_DATA_DIR starts as a copy of it (src/store/pglite-database.ts), so the first
// `selfeval ask` / `npm start` skips initdb and indexing. A stale template is still correct: migrations and
// ensureBundled bring a copy up to date on open; the key below only decides when rebuilding it pays.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { listFiles } from './source-stamp.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const template = join(root, 'dist', 'store-template');
const KEY_FILE = 'selfeval-template.key';

/** Everything the template's contents depend on: migrations, indexing code, the bundled knowledge, PGlite itself. */
function templateKey() {
  const hash = createHash('sha1');
  const inputs = [join(root, 'src', 'store'), join(root, 'src', 'knowledge'), join(root, 'knowledge')];
  for (const dir of inputs) {
    if (!existsSync(dir)) continue;
    for (const file of listFiles(dir)) hash.update(file.slice(root.length)).update('\0').update(readFileSync(file)).update('\0');
  }
  hash.update(readFileSync(join(root, 'node_modules', '@electric-sql', 'pglite', 'package.json')));
  return hash.digest('hex');
}

export async function buildStoreTemplate({ say = () => undefined, force = false } = {}) {
  const key = templateKey();
  const keyPath = join(template, KEY_FILE);
  if (!force && existsSync(keyPath) && readFileSync(keyPath, 'utf8') === key) return false;
  const started = performance.now();
  const temporary = join(root, 'dist', `.store-template-${process.pid}`);
  rmSync(temporary, { recursive: true, force: true });
  const load = (path) => import(pathToFileURL(join(root, 'dist', path)).href);
  const { loadConfig } = await load('config/env.js');
  const { openDatabase } = await load('store/open-database.js');
  const { openKnowledgeBase } = await load('knowledge/knowledge-base.js');
  const config = loadConfig({});
  const db = await openDatabase(config, { dataDir: temporary, template: false });
  try {
    const kb = await openKnowledgeBase(config, { db, embedder: null });
    const summary = await kb.ensureBundled();
    const failed = summary.files.filter((f) => f.status === 'failed');
    if (failed.length > 0) throw new Error(`内置知识入库失败：${failed.map((f) => f.source).join('、')}`);
    await db.exec('VACUUM ANALYZE');
    await kb.close();
  } finally {
    await db.close();
  }
  writeFileSync(join(temporary, KEY_FILE), key);
  const old = `${template}.old-${process.pid}`;
  try {
    if (existsSync(template)) renameSync(template, old);
    renameSync(temporary, template);
  } catch (error) {
    if (!existsSync(template)) throw error;
    rmSync(temporary, { recursive: true, force: true }); // a concurrent build put its template in place first
  } finally {
    rmSync(old, { recursive: true, force: true });
  }
  say(`已建好预置知识库 dist/store-template/（${((performance.now() - started) / 1000).toFixed(1)} 秒）`);
  return true;
}

export { KEY_FILE as TEMPLATE_KEY_FILE };
