import path from 'node:path';
import { baselineProject } from '../../api/baseline.js';
import { loadProject, resolveDatabase } from '../../api/project.js';
import { unreachedIndex } from '../../api/pull.js';
import { sourceLabel } from '../../api/database-text.js';
import { ExitCode } from '../../errors.js';
import { print, type GlobalOptions } from '../output.js';

export async function runBaseline(name: string | undefined, opts: GlobalOptions & { force?: boolean }): Promise<number> {
  const project = await loadProject(opts.config);
  const database = resolveDatabase(project, opts.database);
  const result = await baselineProject(project, { database, force: opts.force ?? false, ...(name ? { name } : {}) });
  const rel = (p: string) => path.relative(process.cwd(), p) || p;
  if (result.schemaFiles.length === 0) {
    print(`${sourceLabel(database)} has the schema ${rel(result.dir)} creates: recorded it as applied there.`);
    return ExitCode.ok;
  }
  print(`Pulled ${result.tables} tables into ${result.schemaFiles.map(rel).join(', ')}.`);
  print(`Wrote ${rel(result.dir)} (proven in PGlite) and recorded it as applied in ${sourceLabel(database)}.`);
  const unreached = await unreachedIndex(project, result.schemaFiles);
  if (unreached !== null) print(`"schema" in ${rel(project.configPath)} does not reach ${rel(unreached)}, which re-exports every pulled module: list it there.`);
  print('Next: edit the schema, then "pgtide generate <name>": the migration holds only the new changes.');
  return ExitCode.ok;
}
