import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { usageError } from '../errors.js';
import { LocalDir } from '../migrations/index.js';
import { pullToFolder } from './pull.js';
import { DEFAULT_CONFIG } from './project.js';

export interface InitOptions {
  /** Pull the schema of this database (already resolved) instead of writing a starter module. */
  readonly fromDatabase?: string;
}

export interface InitResult {
  readonly files: readonly string[];
  readonly tables: number;
  /** From --from-database: one line per object pgtide does not manage, which was not pulled. */
  readonly unmanaged: readonly string[];
}

const config = (entries: readonly string[]): string => `import { defineConfig } from 'pgtide';

export default defineConfig({
  schema: [${entries.map((e) => `'${e}'`).join(', ')}],
  migrations: './generated/migrations',
  // The database comes from --database or DATABASE_URL; without either, pgtide uses an embedded
  // PGlite in .pgtide/dev. Keep passwords out of this file.
  lockTimeout: '5s',
  statementTimeout: '1min',
});
`;

const STARTER = `// Your schema: export tables, enums and sequences from here (or from modules this one re-exports).
// For example:
//
//   import { bigint, table, text, timestamptz } from 'pgtide';
//
//   export const users = table('users', {
//     id: bigint().identity().primaryKey(),
//     email: text().notNull().unique(),
//     created_at: timestamptz().notNull().defaultNow(),
//   });
//
// Then run \`pgtide plan\` to see what would change, and \`pgtide generate <name>\` to write a migration.
export {};
`;

async function assertEmptyEnough(root: string): Promise<void> {
  const clashes = [DEFAULT_CONFIG, 'schema', 'generated'].filter((f) => existsSync(path.join(root, f)));
  if (clashes.length > 0) {
    throw usageError(`${root} already has ${clashes.join(', ')}; init only scaffolds a new project and changes nothing here. Run it in an empty folder, or use "pgtide pull" / "pgtide baseline" in an existing project.`);
  }
}

/** Scaffolds schema.config.ts, schema/ and generated/migrations/ in `root`. */
export async function initProject(root: string, opts: InitOptions = {}): Promise<InitResult> {
  await assertEmptyEnough(root);
  const schemaDir = path.join(root, 'schema');
  let tables = 0;
  let unmanaged: readonly string[] = [];
  const files: string[] = [];
  if (opts.fromDatabase) {
    // Pulled first: if the database cannot be read, nothing has been written yet.
    const pulled = await pullToFolder({ database: opts.fromDatabase, outDir: schemaDir });
    files.push(...pulled.files);
    tables = pulled.model.table.size;
    unmanaged = pulled.unmanaged;
  } else {
    await mkdir(schemaDir, { recursive: true });
    await writeFile(path.join(schemaDir, 'index.ts'), STARTER);
    files.push(path.join(schemaDir, 'index.ts'));
  }
  // index.ts re-exports every module, the pulled SQL (views, functions …) included.
  await writeFile(path.join(root, DEFAULT_CONFIG), config(['./schema/index.ts']));
  files.unshift(path.join(root, DEFAULT_CONFIG));
  // Schema modules are ES modules (`export const …`); without a package.json saying so, Node and tsx
  // would load them as CommonJS and see no exports.
  if (!existsSync(path.join(root, 'package.json'))) {
    await writeFile(path.join(root, 'package.json'), `${JSON.stringify({ private: true, type: 'module' }, null, 2)}\n`);
    files.push(path.join(root, 'package.json'));
  }
  const migrations = path.join(root, 'generated', 'migrations');
  const dir = new LocalDir(migrations);
  await dir.mkdir('', { parents: true });
  if (dir.list('').length === 0) await dir.create('.gitkeep', '');
  files.push(migrations);
  return { files, tables, unmanaged };
}
