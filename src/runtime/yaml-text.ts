import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * YAML parsing with a prepared cache: `npm run build` stores the bundled YAML files (rubrics, synonyms) as JSON in
 * dist/yaml-cache/, keyed by a hash of their text, because the YAML parser costs ≈0.3 s on every start-up for
 * ≈60 KB. Any other text (a user's rubric, an edited file) is not in the cache and is parsed as YAML; the yaml
 * package loads only then.
 */
const CACHE_DIR = new URL('../../dist/yaml-cache/', import.meta.url);

/** The cache file's name and content for a YAML text (used by scripts/build.mjs). */
export function yamlCacheEntry(text: string): { name: string; json: string } {
  return { name: `${cacheKey(text)}.json`, json: JSON.stringify(parseYaml(text)) };
}

/** Parse YAML text (throws like the yaml package on invalid YAML). */
export function parseYamlText(text: string): unknown {
  let cached: string | undefined;
  try {
    cached = readFileSync(new URL(`${cacheKey(text)}.json`, CACHE_DIR), 'utf8');
  } catch {
    // not prepared: parse below
  }
  return cached === undefined ? parseYaml(text) : JSON.parse(cached);
}

function cacheKey(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 32);
}

function parseYaml(text: string): unknown {
  const { parse } = createRequire(import.meta.url)('yaml') as typeof import('yaml');
  return parse(text);
}
