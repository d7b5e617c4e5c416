import path from 'node:path';
import { initProject } from '../../api/init.js';
import { resolveDatabase, resolveDatabaseSource } from '../../api/project.js';
import { sourceLabel } from '../../db/url.js';
import { ExitCode } from '../../errors.js';
import { print, type GlobalOptions } from '../output.js';

export async function runInit(opts: GlobalOptions & { fromDatabase?: string | boolean }): Promise<number> {
  const root = process.cwd();
  const from = opts.fromDatabase;
  // A bare --from-database reads --database / DATABASE_URL, like every other command.
  const database =
    typeof from === 'string' ? resolveDatabaseSource(from, root, '--from-database')
    : from === true ? resolveDatabase(null, opts.database, root)
    : undefined;
  const result = await initProject(root, database ? { fromDatabase: database } : {});
  for (const f of result.files) print(`  created ${path.relative(root, f) || f}`);
  if (database) {
    print(`\nPulled ${result.tables} tables from ${sourceLabel(database)}. Next:`);
    print('  npx pgtide baseline   # record the existing schema as the first, already applied migration');
  } else {
    print('\nNext:');
    print('  edit schema/index.ts');
  }
  print('  npx pgtide plan       # what would change');
  print('  npx pgtide generate <name>');
  return ExitCode.ok;
}
