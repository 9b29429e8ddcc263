import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, found from this file whether it runs from src (tsx) or dist. */
export const REPO_ROOT: string = (() => {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('repository root not found');
    dir = up;
  }
  return dir;
})();

/** The project's own fixtures (shipped with the repository). */
export const FIXTURES = join(REPO_ROOT, 'fixtures');

/**
 * ../shared beside the repository: data whose licence keeps it out of the repo. Present on the
 * developers' machines and in CI; absent in a user's clone, where tests that need it skip.
 */
export const SHARED = join(REPO_ROOT, '..', 'shared');
export const SHARED_DATA = join(SHARED, 'data');
export const HAVE_SHARED = existsSync(SHARED_DATA);

/** Skip reason for tests that need ../shared, or false when it is present. */
export const NEEDS_SHARED: string | false = HAVE_SHARED
  ? false
  : '../shared/data is absent (restricted-licence data, present in CI): skipped';
