import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, onTestFinished, TestRunner } from 'vitest';

const remove = (dir: string): Promise<void> => rm(dir, { recursive: true, force: true });

// Folders made outside a test (in beforeAll, or while the file is collected) live as long as the
// file. This hook is registered when a test file first imports this module, before the file's own
// hooks, so it runs after them: whatever the file keeps open in its folders is closed by then.
const forTheFile: string[] = [];
afterAll(async () => {
  await Promise.all(forTheFile.splice(0).map(remove));
});

/**
 * A fresh folder under os.tmpdir(), removed when the test that made it finishes (inside a test or
 * its beforeEach), or after the file's last test (when made in beforeAll or at the top of a file).
 */
export async function tempDir(prefix = 'pgtide-'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  if (TestRunner.getCurrentTest() !== undefined) onTestFinished(() => remove(dir));
  else forTheFile.push(dir);
  return dir;
}
