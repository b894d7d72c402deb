// What dist/ was built from: every file under src/ with its size and modification time (a few ms for ~300 files).
// Shared by scripts/build.mjs (skip an unnecessary build) and bin/selfeval.js (never run a stale dist/).
import { createHash } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export function listFiles(dir) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listFiles(path));
    else if (entry.isFile()) out.push(path);
  }
  return out.sort();
}

export function sourceStamp(root) {
  const hash = createHash('sha1');
  const src = join(root, 'src');
  for (const file of listFiles(src)) {
    const info = statSync(file);
    hash.update(`${file.slice(src.length)}\0${info.size}\0${info.mtimeMs}\n`);
  }
  return hash.digest('hex');
}
