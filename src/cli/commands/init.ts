import path from 'node:path';
import { initProject } from '../../api/init.js';
import { resolveDatabase, resolveDatabaseSource } from '../../api/project.js';
import { classifySource, sourceLabel } from '../../api/database-text.js';
import { ExitCode } from '../../errors.js';
import { print, printErr, type GlobalOptions } from '../output.js';

/** A word for a POSIX shell: single-quoted unless it needs no quotes. */
function shellWord(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

function hasPassword(database: string): boolean {
  const parsed = classifySource(database);
  return parsed !== null && parsed.type === 'postgres' && parsed.parts.password !== null;
}

/**
 * How the next commands reach the database the schema was pulled from. Without it they would plan
 * against the embedded default database, which is empty. A password is never printed nor written to
 * a file: a URL holding one is shown redacted, to be exported with the password put back.
 */
function databaseSteps(database: string, fromEnv: boolean): { setup: string[]; flag: string } {
  if (fromEnv) return { setup: ['  # DATABASE_URL is set in this shell: the commands below read it'], flag: '' };
  if (!hasPassword(database)) return { setup: [], flag: ` --database ${shellWord(database)}` };
  return {
    setup: [`  export DATABASE_URL=${shellWord(sourceLabel(database))}   # with your password in place of ***`],
    flag: '',
  };
}

export async function runInit(opts: GlobalOptions & { fromDatabase?: string | boolean }): Promise<number> {
  const root = process.cwd();
  const from = opts.fromDatabase;
  // A bare --from-database reads --database / DATABASE_URL, like every other command.
  const database =
    typeof from === 'string' ? resolveDatabaseSource(from, root, '--from-database')
    : from === true ? resolveDatabase(null, opts.database, root)
    : undefined;
  const result = await initProject(root, database ? { fromDatabase: database } : {});
  for (const line of result.unmanaged) printErr(`note: ${line}`);
  for (const f of result.files) print(`  created ${path.relative(root, f) || f}`);
  if (database) {
    const fromEnv = from === true && opts.database === undefined && process.env.DATABASE_URL !== undefined;
    const { setup, flag } = databaseSteps(database, fromEnv);
    print(`\nPulled ${result.tables} tables from ${sourceLabel(database)}. Next:`);
    for (const line of setup) print(line);
    print(`  npx pgtide baseline${flag}   # record the existing schema as the first, already applied migration`);
    print(`  npx pgtide plan${flag}       # what would change`);
  } else {
    print('\nNext:');
    print('  edit schema/index.ts');
    print('  npx pgtide plan       # what would change');
  }
  print('  npx pgtide generate <name>');
  return ExitCode.ok;
}
