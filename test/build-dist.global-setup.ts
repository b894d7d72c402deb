/**
 * vitest globalSetup: compile src/ to dist/ before the tests run (about a second, skipped when dist/ is current), so
 * no test that spawns bin/selfeval.js ever runs stale JavaScript, and refresh the prepared knowledge store when its
 * inputs changed. A failed build only warns: bin/selfeval.js then finds dist/ stale and runs the sources through tsx.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export default function setup(): void {
  const script = fileURLToPath(new URL('../scripts/build.mjs', import.meta.url));
  const result = spawnSync(process.execPath, [script, '--quiet', '--store'], { stdio: ['ignore', 'inherit', 'pipe'], encoding: 'utf8' });
  if (result.status !== 0) {
    process.stderr.write(`警告：编译 dist/ 失败，测试中的 selfeval 将直接运行 TypeScript 源码（tsx）。\n${result.stderr ?? ''}\n`);
  }
}
