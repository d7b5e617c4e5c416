import path from 'node:path';
import { importHistory, parseTool } from '../../api/import.js';
import { loadProject, resolveDatabaseSource } from '../../api/project.js';
import { sourceLabel } from '../../api/database-text.js';
import { ExitCode } from '../../errors.js';
import { print, printErr, type GlobalOptions } from '../output.js';

export async function runImport(dir: string, opts: GlobalOptions & { from?: string }): Promise<number> {
  const tool = parseTool(opts.from);
  const project = await loadProject(opts.config);
  // Only an explicit --database marks anything: the history of the default database is not the point.
  const database = opts.database !== undefined ? resolveDatabaseSource(opts.database, process.cwd(), '--database') : undefined;
  const result = await importHistory(project, { tool, dir: path.resolve(dir), ...(database ? { database } : {}) });
  const rel = path.relative(process.cwd(), project.migrationsDir) || project.migrationsDir;
  print(`Imported ${result.written.length} ${tool} migration(s) into ${rel} (replayed in PGlite first).`);
  if (result.passedOver.length > 0) {
    printErr(`Not imported (${result.passedOver.length}):`);
    for (const p of result.passedOver) printErr(`  ${path.relative(process.cwd(), p.file) || p.file}: ${p.reason}`);
  }
  if (database) {
    if (result.noToolHistory) print(`${sourceLabel(database)} has no ${tool} history table: nothing was marked as applied.`);
    else print(`Marked ${result.marked.length} migration(s) as applied in ${sourceLabel(database)}, as ${tool} had recorded them.`);
  }
  // The history alone reaches a schema nobody has declared yet: verify and check compare the two, so
  // the schema comes first (pulled, or written), or both would fail on every object.
  const from = database ? ` --database ${sourceLabel(database)}` : '';
  print(`Next: declare the schema the history reaches: "pgtide pull${from}" writes it from a database at that state (or write schema/ by hand); then "pgtide check" and "pgtide verify".`);
  return ExitCode.ok;
}
