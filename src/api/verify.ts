import { diff } from '../diff/index.js';
import { describeChange } from '../diff/describe-change.js';
import { introspect } from '../introspect/index.js';
import { runMigrationFile } from '../verify/replay.js';
import { scratchPglite } from '../db/pglite.js';
import { loadDesired } from './desired.js';
import { assertIntact, historyExtensions, readHistory } from './history.js';
import type { Project } from './project.js';

export interface VerifyProblem {
  /** The migration folder the problem is in, or null for the history as a whole. */
  readonly migration: string | null;
  readonly message: string;
}

export interface VerifyReport {
  readonly migrations: number;
  readonly problems: readonly VerifyProblem[];
}

/**
 * Replays every migration in PGlite, checking for each that down.sql undoes expand and migrate
 * (up → down → up), and that the whole history ends at the desired schema.
 */
export async function verifyProject(project: Project): Promise<VerifyReport> {
  const history = await readHistory(project);
  assertIntact(project, history);
  const schemas = project.config.schemas;
  const [db, desired] = await Promise.all([scratchPglite({ extensions: historyExtensions(history.folders) }), loadDesired(project)]);
  const problems: VerifyProblem[] = [];
  try {
    for (const folder of history.folders) {
      const label = `${folder.version}_${folder.name}`;
      const run = async (file: 'expand' | 'migrate' | 'contract' | 'down'): Promise<void> => {
        const sql = folder.files[file];
        if (sql) await runMigrationFile(db, sql, `${folder.dir}/${file}.sql`);
      };
      if (folder.files.down) {
        const before = await introspect(db, { schemas });
        await run('expand');
        await run('migrate');
        await run('down');
        const left = diff(await introspect(db, { schemas }), before).changes;
        if (left.length > 0) {
          problems.push({ migration: label, message: `down.sql does not undo expand and migrate: ${left.map(describeChange).join('; ')}` });
        }
      }
      await run('expand');
      await run('migrate');
      await run('contract');
    }
    const left = diff(await introspect(db, { schemas }), desired).changes;
    if (left.length > 0) {
      problems.push({
        migration: null,
        message: `the migrations do not produce the desired schema (run "pgtide generate"): ${left.map(describeChange).join('; ')}`,
      });
    }
    return { migrations: history.folders.length, problems };
  } finally {
    await db.close();
  }
}
