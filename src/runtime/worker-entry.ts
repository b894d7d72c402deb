import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** What `new Worker(code, { eval })` needs to start a worker module. */
export interface WorkerEntry {
  code: string | URL;
  eval: boolean;
}

/**
 * The entry of a worker module that lives next to its caller: the compiled `<name>.js` when present (dist/), else
 * `<name>.ts` loaded through tsx, registered inside the worker first (a worker's `--import` runs too late for its
 * entry). `base` is the caller's `import.meta.url`.
 */
export function workerEntry(base: string, name: string): WorkerEntry {
  const js = new URL(`./${name}.js`, base);
  if (existsSync(fileURLToPath(js))) return { code: js, eval: false };
  const ts = new URL(`./${name}.ts`, base).href;
  // tsx's ESM entry of its API (resolved here, where the project's node_modules is known, not in the worker).
  const tsxPackage = createRequire(import.meta.url).resolve('tsx/package.json');
  const tsx = pathToFileURL(join(dirname(tsxPackage), 'dist', 'esm', 'api', 'index.mjs')).href;
  return {
    code: `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(ts)}); })`,
    eval: true,
  };
}
