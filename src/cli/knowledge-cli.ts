import { createRequire } from 'node:module';
import type cliProgressModule from 'cli-progress';
import type { IngestProgress, KnowledgeBase } from '../knowledge/knowledge-base.js';

/**
 * Shared by `selfeval ingest`, `search` and `kb`: open the knowledge base, show progress, turn failures into exit 2.
 * Imported when the command line is built (also for --help): the store and the knowledge base load only when used.
 */

const require = createRequire(import.meta.url);
/** cli-progress, loaded the first time a progress bar is drawn. */
const cliProgress = (): typeof cliProgressModule => require('cli-progress') as typeof cliProgressModule;

const STATUS_TEXT = { added: '新增', updated: '更新', unchanged: '未变', failed: '失败' } as const;

/**
 * A progress callback: a cli-progress bar on a TTY stderr, plain lines otherwise. Call `stop()` when done.
 * With `quietWhenUnchanged`, nothing is shown until a file actually needs indexing (reusing a built base stays silent).
 */
export function progressReporter(
  label: string,
  options: { quietWhenUnchanged?: boolean } = {},
): { onProgress: (event: IngestProgress) => void; stop: () => void } {
  let active = !options.quietWhenUnchanged;
  const tty = Boolean(process.stderr.isTTY);
  let bar: cliProgressModule.SingleBar | null = null;
  let phase: IngestProgress['phase'] | null = null;
  const stopBar = () => {
    bar?.stop();
    bar = null;
  };
  return {
    onProgress(event) {
      if (!active && event.phase === 'files' && event.status === 'unchanged') return;
      active = true;
      if (tty) {
        if (phase !== event.phase) {
          stopBar();
          phase = event.phase;
          const title = event.phase === 'files' ? label : '生成向量';
          const { SingleBar, Presets } = cliProgress();
          bar = new SingleBar({ stream: process.stderr, format: `${title} [{bar}] {value}/{total} {file}`, hideCursor: true }, Presets.shades_classic);
          bar.start(event.total, 0, { file: '' });
        }
        bar?.update(event.done, { file: event.phase === 'files' ? event.file : '' });
      } else if (event.phase === 'files') {
        process.stderr.write(`${label} ${event.done}/${event.total}：${event.file}（${STATUS_TEXT[event.status]}）\n`);
      } else {
        process.stderr.write(`生成向量 ${event.done}/${event.total}\n`);
      }
    },
    stop: stopBar,
  };
}

export { STATUS_TEXT };

/**
 * Run `action` with an open knowledge base. Expected infrastructure failures (database down, bad configuration,
 * bad scope name) print one Chinese sentence and give exit code 2; the knowledge base is always closed.
 */
export async function withKnowledgeBase(action: (kb: KnowledgeBase) => Promise<number>): Promise<number> {
  let kb: KnowledgeBase | undefined;
  const [{ ConfigError, loadConfig }, { StoreError }, { openKnowledgeBase, ScopeError }] = await Promise.all([
    import('../config/env.js'),
    import('../store/database.js'),
    import('../knowledge/knowledge-base.js'),
  ]);
  try {
    const config = loadConfig();
    kb = await openKnowledgeBase(config, { onNotice: (message) => process.stderr.write(`${message}\n`) });
    return await action(kb);
  } catch (error) {
    if (error instanceof StoreError || error instanceof ConfigError || error instanceof ScopeError) {
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    throw error;
  } finally {
    await kb?.close().catch(() => undefined);
  }
}
