#!/usr/bin/env node
// The selfeval command. Runs the compiled JavaScript in dist/ (built by `npm run build`, which `npm ci` runs through
// `prepare` and `npm test` runs before the tests) when it is current, and falls back to compiling the TypeScript on
// the fly with tsx when dist/ is missing or older than src/ (a developer editing src/ never runs stale code).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const compiled = join(root, 'dist', 'cli', 'main.js');

async function distIsCurrent() {
  if (!existsSync(compiled)) return false;
  if (!existsSync(join(root, 'src'))) return true; // an installed package without sources
  try {
    const { sourceStamp } = await import('../scripts/source-stamp.mjs');
    return readFileSync(join(root, 'dist', '.build-stamp'), 'utf8') === sourceStamp(root);
  } catch {
    return false;
  }
}

// `selfeval --help | head` closes the pipe early: stop quietly instead of printing a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

let main;
if (await distIsCurrent()) {
  ({ main } = await import(pathToFileURL(compiled).href));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../src/cli/main.ts'));
}
process.exitCode = await main(process.argv);
