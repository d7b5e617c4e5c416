import { diff } from '../diff/index.js';
import { describeChange } from '../diff/describe-change.js';
import { introspect } from '../introspect/index.js';
import type { MigrationFileKind } from '../migrations/index.js';
import { runMigrationFile } from '../verify/replay.js';
import { openLongestPrefix, prefixKeys, saveSnapshot } from '../verify/replay-cache.js';
import { loadDesired } from './desired.js';
import { assertIntact, projectCache, readHistory } from './history.js';
import type { Project } from './project.js';
import { projectDiffOptions } from './plan-options.js';

export interface VerifyProblem {
  /** The migration folder the problem is in, or null for the history as a whole. */
  readonly migration: string | null;
  readonly message: string;
}

export interface VerifyOptions {
  /** Progress: called before each migration that is replayed (i counts from 0). */
  readonly onMigration?: (i: number, total: number, label: string) => void;
}

/**
 * What replay checked of one migration's down.sql: it undoes expand and migrate; it does not (a
 * problem); or there is none, so the migration cannot be rolled back (imported histories have none).
 */
export type DownCheck = 'undoes' | 'does-not-undo' | 'none';

export interface VerifiedMigration {
  readonly migration: string;
  readonly down: DownCheck;
  /** Checked by an earlier verify of the very same files, whose result was reused. */
  readonly earlier: boolean;
}

export interface VerifyReport {
  readonly migrations: number;
  /** Each migration, oldest first, with what was checked of it. Every one replays, or verify throws. */
  readonly checked: readonly VerifiedMigration[];
  readonly problems: readonly VerifyProblem[];
}

/**
 * Replays every migration in PGlite, checking for each that has a down.sql that it undoes expand and
 * migrate (up → down → up), and that the whole history ends at the desired schema.
 */
export async function verifyProject(project: Project, opts: VerifyOptions = {}): Promise<VerifyReport> {
  const history = await readHistory(project);
  assertIntact(project, history);
  const schemas = project.config.schemas;
  const ignore = project.config.ignore;
  // A prefix that an earlier verify proved with the very same files starts from its snapshot.
  const cache = projectCache(project, history.folders);
  const keys = prefixKeys(history.folders, cache.extensions);
  const [start, desired] = await Promise.all([openLongestPrefix(cache, keys, { verified: true }), loadDesired(project)]);
  const db = start.db;
  const problems: VerifyProblem[] = [];
  // A prefix proved by an earlier verify had each down.sql checked then: a problem would have kept it from the cache.
  const checked: VerifiedMigration[] = history.folders.slice(0, start.count).map((f) => ({
    migration: `${f.version}_${f.name}`, down: f.files.down ? 'undoes' : 'none', earlier: true,
  }));
  try {
    for (const [i, folder] of history.folders.entries()) {
      if (i < start.count) continue;
      const label = `${folder.version}_${folder.name}`;
      let down: DownCheck = 'none';
      opts.onMigration?.(i, history.folders.length, label);
      const run = async (file: MigrationFileKind): Promise<void> => {
        const sql = folder.files[file];
        if (sql) await runMigrationFile(db, sql, `${folder.dir}/${file}.sql`);
      };
      if (folder.files.down) {
        const before = await introspect(db, { schemas, ignore });
        await run('expand');
        await run('migrate');
        await run('down');
        const left = diff(await introspect(db, { schemas, ignore }), before).changes;
        down = left.length > 0 ? 'does-not-undo' : 'undoes';
        if (left.length > 0) {
          problems.push({ migration: label, message: `down.sql does not undo expand and migrate: ${left.map(describeChange).join('; ')}` });
        }
      }
      checked.push({ migration: label, down, earlier: false });
      await run('expand');
      await run('migrate');
      await run('contract');
    }
    const left = diff(await introspect(db, { schemas, ignore }), desired, projectDiffOptions(project.config)).changes;
    if (left.length > 0) {
      problems.push({
        migration: null,
        message: `the migrations do not produce the desired schema (run "pgtide generate"): ${left.map(describeChange).join('; ')}`,
      });
    }
    const last = keys[keys.length - 1];
    if (problems.every((p) => p.migration === null) && last !== undefined) await saveSnapshot(cache, last, db, { verified: true });
    return { migrations: history.folders.length, checked, problems };
  } finally {
    await db.close();
  }
}
