#!/usr/bin/env node
// Compile src/**/*.ts to dist/ (one esbuild call, per-file transpile, no bundling; about a second) and copy the
// non-TypeScript files under src/ (SQL migrations) next to them. dist/ mirrors src/ at the same depth, so paths
// that code resolves from import.meta.url (../../knowledge/, ../../prompts/, ./migrations/) work from both.
//
//   node scripts/build.mjs          build when src/ changed since the last build (stamp in dist/.build-stamp)
//   node scripts/build.mjs --force  always build
//   node scripts/build.mjs --store  also (re)build the prepared knowledge store (dist/store-template/) when stale
//
// The new tree is written to a temporary folder and swapped in, so a selfeval process starting meanwhile sees either
// the old or the new dist/, never a half-written one (bin/selfeval.js falls back to tsx while dist/ is missing).
import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { sourceStamp, listFiles } from './source-stamp.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(root, 'src');
const dist = join(root, 'dist');
const stampFile = join(dist, '.build-stamp');
const args = new Set(process.argv.slice(2));
const quiet = args.has('--quiet');
const say = (text) => {
  if (!quiet) process.stderr.write(`${text}\n`);
};

export async function buildDist({ force = false } = {}) {
  const stamp = sourceStamp(root);
  if (!force && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) return false;
  const { build } = await import('esbuild');
  const files = listFiles(src);
  const temporary = join(root, `.dist-build-${process.pid}`);
  rmSync(temporary, { recursive: true, force: true });
  await build({
    entryPoints: files.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts')),
    outdir: temporary,
    outbase: src,
    bundle: false,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    sourcemap: 'linked',
    logLevel: 'warning',
  });
  for (const file of files.filter((f) => !f.endsWith('.ts'))) {
    const target = join(temporary, relative(src, file));
    mkdirSync(dirname(target), { recursive: true });
    cpSync(file, target);
  }
  await writeYamlCache(temporary);
  // Keep a prepared store across rebuilds of the code (it has its own freshness key).
  const template = join(dist, 'store-template');
  if (existsSync(template)) cpSync(template, join(temporary, 'store-template'), { recursive: true });
  writeFileSync(join(temporary, '.build-stamp'), stamp);
  writeFileSync(join(temporary, 'package.json'), '{ "type": "module" }\n');
  swapIn(temporary, dist);
  return true;
}

/** The bundled YAML files (knowledge/**) as JSON in dist/yaml-cache/, keyed by their text (src/runtime/yaml-text.ts). */
async function writeYamlCache(out) {
  const { yamlCacheEntry } = await import(pathToFileURL(join(out, 'runtime', 'yaml-text.js')).href);
  const cache = join(out, 'yaml-cache');
  mkdirSync(cache, { recursive: true });
  for (const file of listFiles(join(root, 'knowledge')).filter((f) => /\.ya?ml$/i.test(f))) {
    try {
      const entry = yamlCacheEntry(readFileSync(file, 'utf8'));
      writeFileSync(join(cache, entry.name), entry.json);
    } catch {
      // invalid YAML stays uncached: loading it reports the error as before
    }
  }
}

/** Replace `target` by `fresh` with two renames; a concurrent build that won the race is fine too. */
function swapIn(fresh, target) {
  const old = `${target}.old-${process.pid}`;
  try {
    if (existsSync(target)) renameSync(target, old);
    renameSync(fresh, target);
  } catch (error) {
    if (!existsSync(target)) throw error;
    rmSync(fresh, { recursive: true, force: true }); // another build put its dist/ in place first
  } finally {
    rmSync(old, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const started = performance.now();
  const built = await buildDist({ force: args.has('--force') });
  say(built ? `已编译 src/ → dist/（${((performance.now() - started) / 1000).toFixed(1)} 秒）` : 'dist/ 已是最新，无需编译');
  if (args.has('--store')) {
    const { buildStoreTemplate } = await import('./build-store.mjs');
    try {
      await buildStoreTemplate({ say });
    } catch (error) {
      // Without the prepared store the first run only takes longer (it builds the knowledge base itself).
      process.stderr.write(`警告：预置知识库未能建好，首次运行时会自动建立：${error instanceof Error ? error.message : String(error)}\n`);
    }
  }
}
