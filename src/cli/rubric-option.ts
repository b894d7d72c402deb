import type { Rubric } from '../model/index.js';

/**
 * The rubric a command's `--rubric` option names (default: the bundled choice). A rubric file that cannot be used is
 * explained on stderr in one Chinese sentence and gives null, so the command can exit 2.
 */
export async function rubricFromOption(path: string | undefined): Promise<Rubric | null> {
  const { loadRubric, RubricError } = await import('../rubric/load-rubric.js');
  try {
    return await loadRubric(path);
  } catch (error) {
    if (!(error instanceof RubricError)) throw error;
    process.stderr.write(`${error.message}\n`);
    return null;
  }
}
