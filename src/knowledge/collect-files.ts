import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, extname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { READABLE_LIST, isReadableName } from '../document/read-document.js';

export interface CollectedFile {
  /** Absolute path. */
  path: string;
  /** Path relative to the folder given (or the file name for a single file), with '/' separators. */
  source: string;
}

export interface CollectProblem {
  path: string;
  message: string;
}

/**
 * Expand files and folders into the files to ingest. Folders are walked recursively; hidden entries, node_modules
 * and a segmentation dictionary folder (one holding user-dict.txt) are skipped, as are files of other types.
 */
export function collectFiles(paths: readonly string[]): { files: CollectedFile[]; problems: CollectProblem[] } {
  const files: CollectedFile[] = [];
  const problems: CollectProblem[] = [];
  for (const given of paths) {
    const path = resolve(given);
    if (!existsSync(path)) {
      problems.push({ path: given, message: `找不到 ${given}。` });
      continue;
    }
    if (statSync(path).isDirectory()) {
      for (const file of walk(path)) files.push({ path: file, source: relative(path, file).split(sep).join('/') });
    } else if (isReadableName(path)) {
      files.push({ path, source: basename(path) });
    } else {
      problems.push({ path: given, message: `不支持 ${extname(path) || '（无扩展名）'} 格式，只能入库 ${READABLE_LIST} 文件。` });
    }
  }
  const seen = new Set<string>();
  return { files: files.filter((f) => !seen.has(f.path) && seen.add(f.path)), problems };
}

function walk(directory: string): string[] {
  const entries = readdirSync(directory, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
  if (basename(directory) === 'dict' && entries.some((e) => e.name === 'user-dict.txt')) return [];
  return entries.flatMap((entry) => {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') return [];
    const full = join(directory, entry.name);
    if (entry.isDirectory()) return walk(full);
    return entry.isFile() && isReadableName(entry.name) ? [full] : [];
  });
}

/** Whether `path` lies inside `root`. */
export function isInside(path: string, root: string): boolean {
  const rel = relative(resolve(root), resolve(path));
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}
