import path from 'node:path';
import { parseTool } from '../../adopt/index.js';
import { importHistory } from '../../api/import.js';
import { loadProject, resolveDatabaseSource } from '../../api/project.js';
import { sourceLabel } from '../../db/url.js';
import { ExitCode } from '../../errors.js';
import { print, type GlobalOptions } from '../output.js';

export async function runImport(dir: string, opts: GlobalOptions & { from?: string }): Promise<number> {
  const tool = parseTool(opts.from);
  const project = await loadProject(opts.config);
  // Only an explicit --database marks anything: the history of the default database is not the point.
  const database = opts.database !== undefined ? resolveDatabaseSource(opts.database, process.cwd(), '--database') : undefined;
  const result = await importHistory(project, { tool, dir: path.resolve(dir), ...(database ? { database } : {}) });
  const rel = path.relative(process.cwd(), project.migrationsDir) || project.migrationsDir;
  print(`Imported ${result.written.length} ${tool} migration(s) into ${rel} (replayed in PGlite first).`);
  if (database) {
    if (result.noToolHistory) print(`${sourceLabel(database)} has no ${tool} history table: nothing was marked as applied.`);
    else print(`Marked ${result.marked.length} migration(s) as applied in ${sourceLabel(database)}, as ${tool} had recorded them.`);
  }
  print('Next: "pgtide verify", then "pgtide check" against your schema (or "pgtide pull" to write it from the database).');
  return ExitCode.ok;
}
