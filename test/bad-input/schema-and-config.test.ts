import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDesired } from '../../src/api/desired.js';
import { loadProject } from '../../src/api/project.js';
import { requireBuild, tempProject, type TempProject } from '../cli/helpers.js';
import { expectReport, userError } from './helpers.js';

/**
 * Mistakes in schema.config.ts and in schema files, run in-process through the same library calls
 * the CLI makes (loadProject, loadDesired): exit code 2, one paragraph naming the file (and line
 * where the declaration is known). Each case lives in its own folder of one temporary project.
 */

let p: TempProject;
let n = 0;

const CONFIG = `import { defineConfig } from 'pgtide';\nexport default defineConfig({ schema: ['./schema'], migrations: './migrations' });\n`;

/** Writes a case folder with the given files (a default config unless one is given) and loads its desired schema. */
async function load(files: Record<string, string | Buffer>): Promise<{ dir: string; run: Promise<unknown> }> {
  const dir = `case${n++}`;
  const all: Record<string, string | Buffer> = { 'schema.config.ts': CONFIG, ...files };
  for (const [file, text] of Object.entries(all)) await p.write(`${dir}/${file}`, text as string);
  const run = (async () => loadDesired(await loadProject(undefined, `${p.dir}/${dir}`)))();
  return { dir, run };
}

const schemaModule = (body: string, imports = 'integer, table, text'): string => `import { ${imports} } from 'pgtide';\n${body}\n`;
/** A schema that loads, so that only the config can be what fails. */
const OK_SCHEMA = schemaModule(`export const t = table('t', { id: integer() });`);

beforeAll(async () => {
  requireBuild();
  p = await tempProject({ 'package.json': '{ "type": "module" }\n' });
});
afterAll(async () => {
  await p?.remove();
});

describe.concurrent('bad input: the config', () => {
  it('a syntax error names the config file', async () => {
    const { run } = await load({ 'schema.config.ts': `import { defineConfig } from 'pgtide';\nexport default defineConfig({ schema: [ });\n` });
    expectReport(await userError(run), 2, 'schema.config.ts');
  });

  it('a config that throws while loading names the file and the error', async () => {
    const { run } = await load({ 'schema.config.ts': `throw new Error('no config for you');\n` });
    expectReport(await userError(run), 2, 'schema.config.ts', 'no config for you');
  });

  it('a config that imports a missing module', async () => {
    const { run } = await load({ 'schema.config.ts': `import { x } from './nowhere.js';\nexport default { schema: [x] };\n` });
    expectReport(await userError(run), 2, 'schema.config.ts');
  });

  it('a config whose schema entry is not a path (a type error the runtime sees)', async () => {
    const { run } = await load({ 'schema.config.ts': `import { defineConfig } from 'pgtide';\nexport default defineConfig({ schema: 42 as unknown as string });\n` });
    expectReport(await userError(run), 2, 'schema');
  });

  it('a config with a negative statement timeout', async () => {
    const { run } = await load({ 'schema.config.ts': `import { defineConfig } from 'pgtide';\nexport default defineConfig({ schema: ['./schema'], statementTimeout: -5 as unknown as '1s' });\n`, 'schema/index.ts': schemaModule(`export const t = table('t', { id: integer() });`) });
    expectReport(await userError(run), 2, 'statementTimeout');
  });

  it('a config whose default export is not an object', async () => {
    const { run } = await load({ 'schema.config.ts': `export default 'schema';\n` });
    expectReport(await userError(run), 2, 'export default defineConfig');
  });

  it('an unknown key names itself, the config file and line, and the nearest setting', async () => {
    const { run } = await load({ 'schema.config.ts': `import { defineConfig } from 'pgtide';\nexport default defineConfig({ schema: ['./schema'], lockTimout: '2s' });\n`, 'schema/index.ts': OK_SCHEMA });
    expectReport(await userError(run), 2, /schema\.config\.ts:\d+: /, '"lockTimout" is not a pgtide setting', 'did you mean "lockTimeout"?');
  });

  it('an unknown key in a plain object config (no defineConfig) is refused as well', async () => {
    const { run } = await load({ 'schema.config.ts': `export default { schema: ['./schema'], statementTimout: '2s' };\n`, 'schema/index.ts': OK_SCHEMA });
    expectReport(await userError(run), 2, 'schema.config.ts', '"statementTimout"', 'did you mean "statementTimeout"?');
  });

  it('an unknown key in a nested object names its path', async () => {
    const { run } = await load({ 'schema.config.ts': `import { defineConfig } from 'pgtide';\nexport default defineConfig({ schema: ['./schema'], types: { ouput: './types.ts' } });\n`, 'schema/index.ts': OK_SCHEMA });
    expectReport(await userError(run), 2, /schema\.config\.ts:\d+: /, '"types.ouput"', 'did you mean "types.output"?');
  });

  it('an unknown key like no setting gets the list of settings and no guess', async () => {
    const { run } = await load({ 'schema.config.ts': `export default { schema: ['./schema'], frobnicate: true };\n`, 'schema/index.ts': OK_SCHEMA });
    const err = await userError(run);
    expectReport(err, 2, 'schema.config.ts', '"frobnicate"', 'lockTimeout, statementTimeout');
    expect(err.message).not.toContain('did you mean');
  });

  it('an empty schema name in "schemas"', async () => {
    const { run } = await load({ 'schema.config.ts': `export default { schema: ['./schema'], schemas: ['public', ''] };\n`, 'schema/index.ts': OK_SCHEMA });
    expectReport(await userError(run), 2, 'schema.config.ts', '"schemas"');
  });

  it('a missing config names the path it looked for', async () => {
    const err = await userError(loadProject('does-not-exist.config.ts', p.dir));
    expectReport(err, 2, 'does-not-exist.config.ts', '--config');
  });

  it('a schema path that matches no file', async () => {
    const { run } = await load({ 'schema.config.ts': `import { defineConfig } from 'pgtide';\nexport default defineConfig({ schema: ['./nothing-here'] });\n` });
    expectReport(await userError(run), 2, 'nothing-here');
  });
});

describe.concurrent('bad input: schema files', () => {
  it('a syntax error names the schema file', async () => {
    const { run } = await load({ 'schema/index.ts': schemaModule(`export const t = table('t', { id: integer( });`) });
    expectReport(await userError(run), 2, 'schema/index.ts');
  });

  it('calling a method that does not exist (a type error tsc would catch) names the file', async () => {
    const { run } = await load({ 'schema/index.ts': schemaModule(`export const t = table('t', { id: (integer() as any).primary() });`) });
    expectReport(await userError(run), 2, 'schema/index.ts');
  });

  it('a literal default the server cannot read names the value and the type', async () => {
    const { run } = await load({ 'schema/index.ts': schemaModule(`export const t = table('t', {\n  id: integer().default('abc' as unknown as number),\n});`) });
    expectReport(await userError(run), 2, '"abc"', 'integer');
  });

  it('an unknown column type', async () => {
    const { run } = await load({ 'schema/index.ts': schemaModule(`export const t = table('t', { id: customType('no_such_type') });`, 'customType, table') });
    expectReport(await userError(run), 2, 'no_such_type');
  });

  it('a column type spelled in a way pgtide does not read', async () => {
    const { run } = await load({ 'schema/index.ts': schemaModule(`export const t = table('t', { id: customType('Int Eger;') });`, 'customType, table') });
    expectReport(await userError(run), 2, /schema\/index\.ts:\d+/, 'Int Eger;');
  });

  it('two tables with the same name in two files', async () => {
    const { run } = await load({
      'schema/a.ts': schemaModule(`export const a = table('users', { id: integer() });`),
      'schema/b.ts': schemaModule(`export const b = table('users', { id: integer() });`),
    });
    expectReport(await userError(run), 2, 'users', /schema\/(a|b)\.ts:\d+/);
  });

  it('two columns with the same database name', async () => {
    const { run } = await load({ 'schema/index.ts': schemaModule(`export const t = table('t', { a: integer(), b: text().named('a') });`) });
    expectReport(await userError(run), 2, /schema\/index\.ts:\d+/, 't');
  });

  it('two indexes with the same name', async () => {
    const { run } = await load({ 'schema/index.ts': schemaModule(`export const t = table('t', { a: integer() }, (t) => [index('ix').on(t.a), index('ix').on(t.a)]);`, 'index, integer, table') });
    expectReport(await userError(run), 2, 'ix', /schema\/index\.ts:\d+/);
  });

  it('an enum with a repeated value', async () => {
    const { run } = await load({ 'schema/index.ts': schemaModule(`export const e = enumType('mood', ['a', 'a']);`, 'enumType') });
    expectReport(await userError(run), 2, 'mood', /schema\/index\.ts:\d+/);
  });

  it('a foreign key to a table that is not exported', async () => {
    const { run } = await load({ 'schema/index.ts': schemaModule(`const hidden = table('hidden', { id: integer().primaryKey() });\nexport const t = table('t', { h: integer().references(() => hidden.id) });`) });
    expectReport(await userError(run), 2, 'hidden', /schema\/index\.ts:\d+/);
  });

  it('a foreign key to a column that is not a key', async () => {
    const { run } = await load({ 'schema/index.ts': schemaModule(`export const a = table('a', { id: integer(), name: text() });\nexport const t = table('t', { h: integer().references(() => a.id) });`) });
    expectReport(await userError(run), 2, 'a (id)', /schema\/index\.ts:\d+/);
  });

  it('a foreign key to a column that does not exist', async () => {
    const { run } = await load({ 'schema/index.ts': schemaModule(`export const a = table('a', { id: integer().primaryKey() });\nexport const t = table('t', { h: integer().references(() => (a as any).nope) });`) });
    expectReport(await userError(run), 2, /schema\/index\.ts:\d+/);
  });

  it('a table name over 63 bytes is cut at 63 bytes, as the server does, and round-trips', async () => {
    const { run } = await load({ 'schema/index.ts': schemaModule(`export const t = table('${'x'.repeat(70)}', { id: integer() });`) });
    const model = (await run) as Awaited<ReturnType<typeof loadDesired>>;
    expect([...model.table.values()].map((t) => t.name)).toEqual(['x'.repeat(63)]);
  });

  it('a column name of 40 two-byte characters is cut without splitting a character', async () => {
    const { run } = await load({ 'schema/index.ts': schemaModule(`export const t = table('t', { c: integer().named('${'ü'.repeat(40)}') });`) });
    const model = (await run) as Awaited<ReturnType<typeof loadDesired>>;
    expect([...model.table.values()][0]!.columns.map((c) => c.name)).toEqual(['ü'.repeat(31)]);
  });

  it('two index names that collide once cut to 63 bytes', async () => {
    const long = 'i'.repeat(63);
    const { run } = await load({ 'schema/index.ts': schemaModule(`export const t = table('t', { a: integer(), b: integer() }, (t) => [index('${long}_a').on(t.a), index('${long}_b').on(t.b)]);`, 'index, integer, table') });
    expectReport(await userError(run), 2, long, /schema\/index\.ts:\d+/);
  });

  it('two check names that collide once cut to 63 bytes', async () => {
    const long = 'c'.repeat(63);
    const { run } = await load({ 'schema/index.ts': schemaModule(`export const t = table('t', { a: integer() }, () => [check('${long}1', sql\`a > 0\`), check('${long}2', sql\`a < 9\`)]);`, 'check, integer, sql, table') });
    expectReport(await userError(run), 2, long, /schema\/index\.ts:\d+/);
  });

  it('a check whose expression is not SQL is reported as a schema problem', async () => {
    const { run } = await load({ 'schema/index.ts': schemaModule(`export const t = table('t', { a: integer() }, () => [check('bad', sql\`a >\`)]);`, 'check, integer, sql, table') });
    expectReport(await userError(run), 2, 'syntax error');
  });

  it('a default calling a function that does not exist', async () => {
    const { run } = await load({ 'schema/index.ts': schemaModule(`export const t = table('t', { a: integer().default(sql\`no_such_fn()\`) });`, 'integer, sql, table') });
    expectReport(await userError(run), 2, 'no_such_fn');
  });

  it('a generated column over a column that does not exist', async () => {
    const { run } = await load({ 'schema/index.ts': schemaModule(`export const t = table('t', { a: integer().generatedAs(sql\`missing * 2\`) });`, 'integer, sql, table') });
    expectReport(await userError(run), 2, 'missing');
  });

  it('a .sql schema file with a syntax error names the file', async () => {
    const { run } = await load({ 'schema/a.sql': `CREATE TABLE ok (id int);\nCREATE TABLE broken (id int,);\n` });
    expectReport(await userError(run), 2, 'a.sql');
  });

  it('a .sql schema file that is not UTF-8 names the file', async () => {
    const { run } = await load({ 'schema/a.sql': Buffer.from([0x43, 0x52, 0x45, 0x41, 0x54, 0x45, 0x20, 0xff, 0xfe, 0x0a]) as unknown as string });
    expectReport(await userError(run), 2, 'a.sql', /UTF-8/i);
  });

  it('a .ts schema file that is not UTF-8 names the file', async () => {
    const bytes = Buffer.concat([Buffer.from(`import { integer, table } from 'pgtide';\nexport const t = table('t`), Buffer.from([0xe9]), Buffer.from(`', { id: integer() });\n`)]);
    const { run } = await load({ 'schema/index.ts': bytes as unknown as string });
    expectReport(await userError(run), 2, 'index.ts', /UTF-8/i);
  });

  it('an export that is not a schema object is ignored, and an enum value over 63 bytes is refused', async () => {
    const { run } = await load({ 'schema/index.ts': schemaModule(`export const helper = 42;\nexport const e = enumType('mood', ['${'v'.repeat(64)}']);`, 'enumType') });
    expectReport(await userError(run), 2, 'mood', /schema\/index\.ts:\d+/);
  });
});

/**
 * `\\0` here is `\0` in the module: a NUL character in the user's string. Line numbers are exact
 * only through the CLI (under vitest, stack lines are not source-mapped); cli.test.ts checks them.
 */
const BAD_NAMES: readonly (readonly [string, string])[] = [
  ['an empty table name', `export const t = table('', { id: integer() });`],
  ['a table name with a NUL', `export const t = table('a\\0b', { id: integer() });`],
  ['an empty column key', `export const t = table('t', { '': integer() });`],
  ['an empty column name in named()', `export const t = table('t', { id: integer().named('') });`],
  ['a column name with a NUL in named()', `export const t = table('t', { id: integer().named('i\\0d') });`],
  ['an empty index name', `export const t = table('t', { a: integer() }, (t) => [index('').on(t.a)]);`],
  ['an empty enum name', `export const e = enumType('', ['a']);`],
  ['an empty enum label', `export const e = enumType('mood', ['a', '']);`],
  ['an enum label with a NUL', `export const e = enumType('mood', ['a\\0']);`],
  ['an empty schema name', `export const s = schema('');`],
  ['a table name with a NUL in a schema', `export const t = schema('app').table('x\\0', { id: integer() });`],
  ['an empty view name', 'export const v = view(\'\', sql`SELECT 1`);'],
  ['a view schema with a NUL', 'export const v = view(\'v\', sql`SELECT 1`, { schema: \'a\\0\' });'],
  ['an empty sequence name', `export const q = sequence('');`],
  ['an empty extension name', `export const x = extension('');`],
  ['an empty check name', 'export const t = table(\'t\', { a: integer() }, () => [check(\'\', sql`a > 0`)]);'],
  ['an empty constraint name in named()', `export const t = table('t', { a: integer() }, (t) => [unique(t.a).named('')]);`],
  ['an empty primary key name', `export const t = table('t', { a: integer().primaryKey({ name: '' }) });`],
  ['an empty previous name in renamedFrom()', `export const t = table('t', { a: integer().renamedFrom('') });`],
  ['a table comment with a NUL', `export const t = table('t', { a: integer() }).comment('x\\0');`],
];
const NAME_IMPORTS = 'check, enumType, extension, index, integer, schema, sequence, sql, table, unique, view';

describe.concurrent('bad input: empty names and NUL characters', () => {
  for (const [what, body] of BAD_NAMES) {
    it(`${what}: exit 2 at the declaration's file and line`, async () => {
      const { run } = await load({ 'schema/index.ts': schemaModule(body, NAME_IMPORTS) });
      const err = await userError(run);
      expectReport(err, 2, /schema\/index\.ts:\d+: /);
      expect(err.message, 'the NUL is shown escaped, never raw').not.toContain('\0');
    });
  }
});

describe.concurrent('bad input: names that need quoting round-trip instead of failing', () => {
  it('loads a schema whose every name needs quoting', async () => {
    const { run } = await load({
      'schema/index.ts': schemaModule(
        `export const t = table('Order "Items"', { id: integer().named('select').primaryKey(), note: text().named("it's; DROP TABLE x; --") }, (t) => [index('ÜNÏ ix').on(t.note)]);`,
        'index, integer, table, text',
      ),
    });
    const model = (await run) as Awaited<ReturnType<typeof loadDesired>>;
    const table = [...model.table.values()].find((t) => t.name === 'Order "Items"');
    expect(table?.columns.map((c) => c.name)).toEqual(['select', "it's; DROP TABLE x; --"]);
    expect([...model.index.values()].map((i) => i.name)).toContain('ÜNÏ ix');
  });
});
