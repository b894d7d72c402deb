import { access, constants } from 'node:fs/promises';
import { delimiter, join } from 'node:path';

/** The path of an executable on the PATH (the first of `names` found), or null. */
export async function findProgram(...names: string[]): Promise<string | null> {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir === '') continue;
    for (const name of names) {
      try {
        await access(join(dir, name), constants.X_OK);
        return join(dir, name);
      } catch {
        // not here
      }
    }
  }
  return null;
}
