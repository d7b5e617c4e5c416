import { mkdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { declareSchemaFiles, loadDesired } from '../../src/api/desired.js';
import { planProject } from '../../src/api/plan-project.js';
import { loadProject, schemaFiles } from '../../src/api/project.js';
import { loadSourceModel, parseSource } from '../../src/api/sources.js';
import { moduleFormat } from '../../src/api/module-format.js';
import { describeChange } from '../../src/diff/describe-change.js';
import { allObjects, objectId, type Model } from '../../src/model/index.js';
import { tempDir } from '../helpers/temp-dir.js';

const REPO = path.resolve(import.meta.dirname, '../..');

/** The package.json of an app: what `npm init -y` writes (npm 11: "commonjs"), none at all, or ESM. */
const PACKAGES = {
  'no "type"': '{ "name": "app", "version": "1.0.0" }\n',
  '"type": "commonjs"': '{ "name": "app", "version": "1.0.0", "type": "commonjs" }\n',
  '"type": "module"': '{ "name": "app", "version": "1.0.0", "type": "module" }\n',
} as const;

const DECLARATIONS = `import { enumType, integer, sql, table, text, view } from 'pgtide';
export const mood = enumType('mood', ['sad', 'happy']);
export const users = table('users', { id: integer().primaryKey(), email: text(), mood: mood() });
export const emails = view('emails', sql\`SELECT email FROM public.users\`);
`;

/** Ways a schema/index.ts reaches the declarations; the same objects must load from each. */
const SHAPES: Record<string, Record<string, string>> = {
  // Exactly what `pgtide pull` writes.
  'export * from a .js specifier': { 'schema/a.ts': DECLARATIONS, 'schema/index.ts': `export * from './a.js';\n` },
  'export * through two levels': {
    'schema/a.ts': DECLARATIONS,
    'schema/b.ts': `export * from './a.js';\n`,
    'schema/index.ts': `export * from './b.js';\n`,
  },
  'export { … } from': { 'schema/a.ts': DECLARATIONS, 'schema/index.ts': `export { mood, users, emails } from './a.js';\n` },
  'import then export': {
    'schema/a.ts': DECLARATIONS,
    'schema/index.ts': `import { mood, users, emails } from './a.js';\nexport { mood, users, emails };\n`,
  },
  'direct declarations': { 'schema/index.ts': DECLARATIONS },
  'default export': {
    'schema/a.ts': DECLARATIONS,
    'schema/index.ts': `import { users } from './a.js';\nexport { mood, emails } from './a.js';\nexport default users;\n`,
  },
};

const EXPECTED = ['enum:public.mood', 'table:public.users', 'view:public.emails'];

function declared(model: Model): string[] {
  return allObjects(model).filter((o) => o.kind === 'enum' || o.kind === 'table' || o.kind === 'view').map(objectId).sort();
}

async function makeApp(pkg: string, files: Record<string, string>, schema: string): Promise<string> {
  const dir = await tempDir('pgtide-format-');
  await mkdir(path.join(dir, 'node_modules'));
  await symlink(REPO, path.join(dir, 'node_modules', 'pgtide'), 'dir');
  const all: Record<string, string> = {
    'package.json': pkg,
    'schema.config.ts': `import { defineConfig } from 'pgtide';\nexport default defineConfig({ schema: '${schema}', database: 'pglite:memory' });\n`,
    ...files,
  };
  for (const [file, text] of Object.entries(all)) {
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await writeFile(path.join(dir, file), text);
  }
  return dir;
}

describe.each(Object.entries(PACKAGES))('schema modules in a package with %s', (_label, pkg) => {
  const app = (files: Record<string, string>, schema: string): Promise<string> => makeApp(pkg, files, schema);

  // Both routes end in declareSchemaFiles: the config's schema files, and the one .ts file of a source.
  it.each(Object.keys(SHAPES))('%s: the config and a .ts source declare the same objects', async (shape) => {
    const dir = await app(SHAPES[shape]!, './schema/index.ts');
    const files = await schemaFiles(await loadProject(undefined, dir));
    expect(declared((await declareSchemaFiles(files)).declared)).toEqual(EXPECTED);
    const source = parseSource(path.join(dir, 'schema', 'index.ts'));
    expect(source.type === 'typescript' && declared((await declareSchemaFiles([source.path])).declared)).toEqual(EXPECTED);
  });

  it('the index.ts that pull writes loads, normalized, through the config and as a source of diff', async () => {
    const dir = await app(SHAPES['export * from a .js specifier']!, './schema/index.ts');
    expect(declared(await loadDesired(await loadProject(undefined, dir)))).toEqual(EXPECTED);
    expect(declared(await loadSourceModel(parseSource(path.join(dir, 'schema', 'index.ts'))))).toEqual(EXPECTED);
  });

  it('a schema folder whose index.ts re-exports the other modules takes each declaration once, and reads edits afresh', async () => {
    const dir = await app(SHAPES['export * through two levels']!, './schema');
    const project = await loadProject(undefined, dir);
    expect(declared((await declareSchemaFiles(await schemaFiles(project))).declared)).toEqual(EXPECTED);
    await writeFile(path.join(dir, 'schema', 'a.ts'), DECLARATIONS.replace('email: text()', 'email: text().notNull()'));
    const again = (await declareSchemaFiles(await schemaFiles(project))).declared;
    expect(again.table.get('table:public.users')!.columns.find((c) => c.name === 'email')!.notNull).toBe(true);
  });
});

describe('moduleFormat', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await tempDir('pgtide-format-');
    await mkdir(path.join(dir, 'esm', 'nested'), { recursive: true });
    await writeFile(path.join(dir, 'esm', 'package.json'), PACKAGES['"type": "module"']);
    await mkdir(path.join(dir, 'cjs'), { recursive: true });
    await writeFile(path.join(dir, 'cjs', 'package.json'), PACKAGES['no "type"']);
  });

  it('follows the extension, then the nearest package.json', () => {
    expect(moduleFormat(path.join(dir, 'esm', 'nested', 'a.ts'))).toBe('module');
    expect(moduleFormat(path.join(dir, 'esm', 'a.cts'))).toBe('commonjs');
    expect(moduleFormat(path.join(dir, 'cjs', 'a.ts'))).toBe('commonjs');
    expect(moduleFormat(path.join(dir, 'cjs', 'a.mts'))).toBe('module');
  });
});

describe('a .ts schema module given as a source', () => {
  it('runs its sqlDefinitions() as the config\'s schema does, instead of leaving them out', async () => {
    const dir = await makeApp(PACKAGES['"type": "module"'], {
      'schema/index.ts': `import { integer, sql, sqlDefinitions, table } from 'pgtide';
export const users = table('users', { id: integer().primaryKey() });
export const functions = sqlDefinitions(sql\`CREATE FUNCTION public.answer() RETURNS integer LANGUAGE sql AS 'SELECT 42'\`);
`,
    }, './schema/index.ts');
    const model = await loadSourceModel(parseSource(path.join(dir, 'schema', 'index.ts')));
    expect([...model.function.values()].map((f) => `${f.schema}.${f.name}`)).toEqual(['public.answer']);
    expect([...model.table.keys()]).toEqual(['table:public.users']);
  });

  it('plan --from the schema module itself finds nothing to do: its sqlDefinitions() are on both sides', async () => {
    const app = await makeApp(PACKAGES['"type": "module"'], {
      'schema/index.ts': `import { integer, sql, sqlDefinitions, table } from 'pgtide';
export const users = table('users', { id: integer().primaryKey() });
export const functions = sqlDefinitions(sql\`CREATE FUNCTION public.answer() RETURNS integer LANGUAGE sql AS 'SELECT 42'\`);
`,
    }, './schema/index.ts');
    const planned = await planProject(await loadProject(undefined, app), { from: path.join(app, 'schema', 'index.ts') });
    expect([...planned.from.function.keys()]).toEqual([...planned.to.function.keys()]);
    expect(planned.result.plan.steps.map((s) => describeChange(s.source))).toEqual([]);
  });
});
