import { describe, expect, it } from 'vitest';
import {
  SchemaError, bigint, boolean, check, compile, customType, enumType, foreignKey, index, integer, numeric, primaryKey,
  schema, sequence, sql, table, text, unique, varchar, type AnyTableColumn, type ColumnBuilder, type TableExtra,
} from '../../src/dsl/index.js';
import { compileObjects, thrown } from './helpers.js';

const THIS_FILE = new URL(import.meta.url).pathname;

/** Defeats the type-level guard so the compile-time check behind it can be exercised. */
const asInteger = (b: ColumnBuilder<unknown>) => b as unknown as ColumnBuilder<number, 'integer'>;

/** The SchemaError thrown when compiling exports; fails if compile succeeds or throws something else. */
function schemaError(exports: Record<string, unknown>): SchemaError {
  const err = thrown(() => compileObjects(exports));
  expect(err).toBeInstanceOf(SchemaError);
  return err as SchemaError;
}

describe('SchemaError', () => {
  it('points at the declaring line of this file', () => {
    const line = Number(new Error().stack?.split('\n')[1]?.match(/:(\d+):\d+\)?$/)?.[1]) + 1;
    const t = table('t', { a: asInteger(text()).identity() });
    const err = schemaError({ t });
    expect(err.file).toBe(THIS_FILE);
    expect(err.line).toBe(line);
    expect(err.object).toBe('public.t.a');
    expect(err.message).toBe(
      `${THIS_FILE}:${line}: Column public.t.a is an identity column but has type text; identity needs smallint, integer or bigint.`,
    );
  });
});

describe('user mistakes are SchemaErrors naming the object', () => {
  it('duplicate table', () => {
    expect(schemaError({ a: table('t', {}), b: table('t', {}) }).message).toContain('Table public.t is declared twice');
  });

  it('duplicate column (same database name)', () => {
    const err = schemaError({ t: table('t', { a: text(), b: text().named('a') }) });
    expect(err.message).toContain('Table public.t declares column a twice');
    expect(err.object).toBe('public.t.a');
  });

  it('duplicate index name', () => {
    const t = table('t', { a: text(), b: text() }, (c) => [index('dup').on(c.a), index('dup').on(c.b)]);
    expect(schemaError({ t }).message).toContain('The name dup of the index on (b) on public.t is already used by another table, sequence, index or key in schema public');
  });

  it('index named like a table', () => {
    const t = table('t', { a: text() }, (c) => [index('u').on(c.a)]);
    expect(schemaError({ t, u: table('u', {}) }).message).toContain('The name u of the index on (a) on public.t is already used');
  });

  it('duplicate constraint name', () => {
    const t = table('t', { a: integer() }, () => [check('c1', sql`a > 0`), check('c1', sql`a < 9`)]);
    expect(schemaError({ t }).message).toContain('The name c1 of the check constraint (a < 9) on public.t is already used by another constraint or index of table public.t');
  });

  it('duplicate enum', () => {
    const err = schemaError({ a: enumType('mood', ['x']), b: enumType('mood', ['y']) });
    expect(err.message).toContain('Enum public.mood is declared twice');
  });

  it('enum named like a table', () => {
    expect(schemaError({ e: enumType('t', ['x']), t: table('t', {}) }).message).toContain('has the same name as table public.t');
  });

  it('duplicate enum value and over-long label', () => {
    expect(schemaError({ e: enumType('e', ['a', 'a']) }).message).toContain("Enum public.e lists the value 'a' twice");
    expect(schemaError({ e: enumType('e', ['x'.repeat(64)]) }).message).toContain('enum labels must be 1 to 63 bytes long');
  });

  it('foreign key to a table that is not exported', () => {
    const hidden = table('hidden', { id: integer().primaryKey() });
    const t = table('t', { h: integer().references(() => hidden.id) });
    expect(schemaError({ t }).message).toContain(
      'The foreign key (h) on public.t references table public.hidden, which is not exported by any schema module',
    );
  });

  it('foreign key to a column that does not exist', () => {
    const other = table('other', { id: integer().primaryKey() });
    const t = table('t', { o: integer().references(() => (other as unknown as Record<string, AnyTableColumn>).nope!) });
    expect(schemaError({ t, other }).message).toContain('The foreign key of column o on public.t references a column that does not exist (got undefined)');
  });

  it('foreign key whose target is not unique', () => {
    const other = table('other', { id: integer().primaryKey(), code: text() });
    const t = table('t', { o: text().references(() => other.code) });
    expect(schemaError({ t, other }).message).toContain('references public.other (code), which is not its primary key or a unique constraint');
  });

  it('foreign key thunk that throws', () => {
    const t = table('t', { o: integer().references(() => { throw new ReferenceError("Cannot access 'x' before initialization"); }) });
    expect(schemaError({ t }).message).toContain("could not resolve its referenced column (Cannot access 'x' before initialization)");
  });

  it('table foreign key with mismatched column counts or foreign columns', () => {
    const other = table('other', { id: integer().primaryKey() });
    const t = table('t', { a: integer(), b: integer() }, (c) => [foreignKey({ columns: [c.a, c.b], references: [other.id] })]);
    expect(schemaError({ t, other }).message).toContain('The foreign key (a, b) on public.t has 2 column(s) but references 1');
    const u = table('u', { a: integer() }, () => [primaryKey(other.id)]);
    expect(schemaError({ u, other }).message).toContain('The primary key on public.u uses column id of another table, public.other');
  });

  it('unknown column type', () => {
    const t = table('t', { a: 'integer' as unknown as ColumnBuilder<unknown> });
    expect(schemaError({ t }).message).toContain('Column a of public.t has an unknown type: its value is not a column builder');
  });

  it('unknown custom type spelling is rejected where it is written', () => {
    const err = thrown(() => customType('Bad Type!'));
    expect(err).toBeInstanceOf(SchemaError);
    expect(err.message).toContain("customType('Bad Type!') is not a type name pgtide understands");
  });

  it('identity on an array and identity with a default', () => {
    const t = table('t', { a: integer().identity().array() });
    expect(schemaError({ t }).message).toContain('has type integer[]; identity needs smallint, integer or bigint');
    const u = table('u', { a: integer().default(1).identity() });
    expect(schemaError({ u }).message).toContain('Column public.u.a has both an identity and a default');
  });

  it('generated column with a default', () => {
    const t = table('t', { a: integer().default(1).generatedAs(sql`2`) });
    expect(schemaError({ t }).message).toContain('Column public.t.a is generated and cannot also have a default or an identity');
  });

  it('collation on a non-collatable type', () => {
    const t = table('t', { a: boolean().collate('C') });
    expect(schemaError({ t }).message).toContain('Column public.t.a has a collation but its type boolean is not collatable');
  });

  it('invalid literal defaults', () => {
    const t = table('t', { a: integer().array().default(3 as unknown as number[]) });
    expect(schemaError({ t }).message).toContain('Column public.t.a has an invalid default: an array column needs an array default');
    const u = table('u', { a: text().default(null as unknown as string) });
    expect(schemaError({ u }).message).toContain('a NULL default is the default already');
  });

  it('two primary keys', () => {
    const t = table('t', { a: integer().primaryKey(), b: integer() }, (c) => [primaryKey(c.b)]);
    expect(schemaError({ t }).message).toContain('Table public.t declares more than one primary key');
  });

  it('index without keys and index on a column of another table', () => {
    const other = table('other', { x: integer() });
    expect(schemaError({ t: table('t', { a: integer() }, () => [index()]) }).message).toContain('An index on public.t has no keys');
    const t = table('t', { a: integer() }, () => [index().on(other.x)]);
    expect(schemaError({ t, other }).message).toContain('The index on public.t uses column x of another table, public.other');
  });

  it('constraint without columns, and extras that are not extras', () => {
    expect(schemaError({ t: table('t', { a: integer() }, () => [unique()]) }).message).toContain('The unique constraint on public.t lists no columns');
    const t = table('t', { a: integer() }, () => [{} as TableExtra]);
    expect(schemaError({ t }).message).toContain('contain something that is not an index(), primaryKey(), unique(), foreignKey(), check() or exclude()');
  });

  it('sequence clashing with a table, and owned by another schema', () => {
    expect(schemaError({ t: table('s', {}), s: sequence('s') }).message).toContain('Sequence public.s has the name of another table or sequence');
    const t = table('t', { id: bigint() });
    const s = schema('x').sequence('s', { ownedBy: () => t.id });
    expect(schemaError({ t, s }).message).toContain('Sequence x.s must be in the same schema as its owning table public.t');
  });

  it('column key that clashes with a table method', () => {
    const err = thrown(() => table('t', { comment: text() }));
    expect(err).toBeInstanceOf(SchemaError);
    expect(err.message).toContain('Column key "comment" of table public.t clashes with the table method comment()');
  });

  it('bad type modifiers are reported where they are written', () => {
    expect(thrown(() => varchar(0)).message).toContain('The length of varchar must be an integer from 1 to 10485760, got 0');
    expect(thrown(() => numeric(0)).message).toContain('The precision of numeric must be an integer from 1 to 1000');
  });

  it('uses the module file when no declaration site is known', () => {
    const a = table('t', {});
    const b = table('t', {});
    // Declarations made outside any user file (e.g. generated at runtime by a library) have no site.
    Object.defineProperty(Object.getOwnPropertySymbols(b).map((s) => (b as unknown as Record<symbol, object>)[s])[0]!, 'location', { value: null });
    const err = thrown(() => compile([{ file: 'schema/x.ts', exports: { a, b } }])) as SchemaError;
    expect(err.file).toBe('schema/x.ts');
    expect(err.line).toBeUndefined();
    expect(err.message).toBe('schema/x.ts: Table public.t is declared twice, or has the name of another relation in schema public.');
  });
});
