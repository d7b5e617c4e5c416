import { describe, expect, it } from 'vitest';
import { diff } from '../../src/diff/index.js';
import type { Change } from '../../src/diff/change.js';
import type { Column, DbObject, Extension, SchemaObj } from '../../src/model/types.js';
import { check, col, enumType, fk, index, model, pk, sequence, table } from './fixtures.js';

const kinds = (changes: readonly Change[]): string[] => changes.map((c) => `${c.kind} ${c.id}`);
const run = (from: DbObject[], to: DbObject[]) => diff(model(...from), model(...to));

describe('diff: identical models', () => {
  it('finds nothing', () => {
    const objs = [table('t', [col('a')]), enumType('e', ['x']), pk('t', ['a'])];
    expect(run(objs, objs)).toEqual({ changes: [], suggestions: [] });
  });
});

describe('diff: schemas and extensions', () => {
  const schema = (name: string, comment: string | null = null): SchemaObj => ({ kind: 'schema', name, comment });
  const ext = (version: string | null): Extension => ({ kind: 'extension', name: 'pg_trgm', schema: 'public', version });
  it.each([
    ['create', [], [schema('s')], ['schema.create schema:s']],
    ['drop', [schema('s')], [], ['schema.drop schema:s']],
    ['comment', [schema('s')], [schema('s', 'hi')], ['schema.alter schema:s']],
    ['extension version', [ext('1.5')], [ext('1.6')], ['extension.alter extension:pg_trgm']],
    ['extension version null means any', [ext('1.5')], [ext(null)], []],
  ] as const)('%s', (_n, from, to, expected) => {
    expect(kinds(run([...from], [...to]).changes)).toEqual(expected);
  });
});

describe('diff: columns', () => {
  const cases: [string, Column, Column, string[]][] = [
    ['type', col('a'), col('a', 'bigint'), ['type']],
    ['not null', col('a'), col('a', 'integer', { notNull: true }), ['notNull']],
    ['not null named', col('a'), col('a', 'integer', { notNull: true, notNullName: 'n' }), ['notNull']],
    ['not null renamed', col('a', 'integer', { notNull: true }), col('a', 'integer', { notNull: true, notNullName: 'n' }), ['notNullName']],
    ['not null default name stated', col('a', 'integer', { notNull: true }), col('a', 'integer', { notNull: true, notNullName: 't_a_not_null' }), []],
    ['default text', col('a', 'integer', { default: { kind: 'sql', text: '1' } }), col('a', 'integer', { default: { kind: 'sql', text: '2' } }), ['default']],
    ['default kind', col('a', 'text', { default: { kind: 'literal', value: 'x' } }), col('a', 'text', { default: { kind: 'sql', text: "'x'::text" } }), ['default']],
    ['same literal', col('a', 'text', { default: { kind: 'literal', value: 'x' } }), col('a', 'text', { default: { kind: 'literal', value: 'x' } }), []],
    ['collation', col('a', 'text'), col('a', 'text', { collation: 'C' }), ['collation']],
    ['comment', col('a'), col('a', 'integer', { comment: 'c' }), ['comment']],
    ['identity generation', col('a', 'integer', { identity: { generation: 'always', options: {} } }),
      col('a', 'integer', { identity: { generation: 'by-default', options: {} } }), ['identity']],
    ['identity option stated', col('a', 'integer', { identity: { generation: 'always', options: { increment: '1', start: '1' } } }),
      col('a', 'integer', { identity: { generation: 'always', options: { increment: '5' } } }), ['identity']],
    ['identity option missing on desired side', col('a', 'integer', { identity: { generation: 'always', options: { increment: '7' } } }),
      col('a', 'integer', { identity: { generation: 'always', options: {} } }), []],
    ['generated dropped', col('a', 'integer', { generated: '1' }), col('a'), ['generated']],
    ['backfill hint is not compared', col('a'), col('a', 'integer', { backfill: '0' }), []],
  ];
  it.each(cases)('%s', (_n, a, b, fields) => {
    const result = run([table('t', [a])], [table('t', [b])]).changes;
    if (fields.length === 0) expect(result).toEqual([]);
    else expect(result).toMatchObject([{ kind: 'column.alter', id: 'column:public.t.a', fields }]);
  });

  it('recreates a column that gains a generation expression', () => {
    const result = run([table('t', [col('a')])], [table('t', [col('a', 'integer', { generated: '1' })])]);
    expect(kinds(result.changes)).toEqual(['column.drop column:public.t.a', 'column.add column:public.t.a']);
  });

  it('adds and drops columns', () => {
    const result = run([table('t', [col('a'), col('b')])], [table('t', [col('a'), col('c', 'text')])]);
    expect(kinds(result.changes)).toEqual(['column.drop column:public.t.b', 'column.add column:public.t.c']);
  });

  it('renames from a hint, with an alter of the other fields', () => {
    const result = run([table('t', [col('a')])], [table('t', [col('b', 'bigint', { renamedFrom: 'a' })])]);
    expect(kinds(result.changes)).toEqual(['column.rename column:public.t.b', 'column.alter column:public.t.b']);
    expect(result.suggestions).toEqual([]);
  });

  it('suggests a rename for a look-alike drop + add, and keeps drop + add', () => {
    const result = run([table('t', [col('a')])], [table('t', [col('b')])]);
    expect(kinds(result.changes)).toEqual(['column.drop column:public.t.a', 'column.add column:public.t.b']);
    expect(result.suggestions).toMatchObject([{ kind: 'column', from: 'public.t.a', to: 'public.t.b' }]);
  });

  it('refuses a column with an unknown field', () => {
    const odd = { ...col('a'), storage: 'plain' } as Column;
    expect(() => run([table('t', [col('a')])], [table('t', [odd])])).toThrow(/storage/);
  });
});

describe('diff: tables', () => {
  it('renames from a hint; constraints and indexes follow the new name without changes', () => {
    const from = [table('old', [col('id')]), pk('old', ['id'], 'p'), index('i', 'old', ['id'])];
    const to = [table('new', [col('id')], { renamedFrom: 'old' }), pk('new', ['id'], 'p'), index('i', 'new', ['id'])];
    expect(kinds(run(from, to).changes)).toEqual(['table.rename table:public.new']);
  });

  it('follows column renames into constraints, indexes and foreign keys', () => {
    const from = [table('t', [col('a')]), table('u', [col('x')]), pk('t', ['a'], 'p'), index('i', 't', ['a']), fk('u', ['x'], 't', ['a'], 'f')];
    const to = [table('t', [col('b', 'integer', { renamedFrom: 'a' })]), table('u', [col('x')]), pk('t', ['b'], 'p'), index('i', 't', ['b']), fk('u', ['x'], 't', ['b'], 'f')];
    expect(kinds(run(from, to).changes)).toEqual(['column.rename column:public.t.b']);
  });

  it('suggests a table rename', () => {
    const result = run([table('a', [col('id')])], [table('b', [col('id')])]);
    expect(kinds(result.changes)).toEqual(['table.drop table:public.a', 'table.create table:public.b']);
    expect(result.suggestions).toMatchObject([{ kind: 'table', from: 'public.a', to: 'public.b' }]);
  });

  it('ignores a hint whose old name does not exist', () => {
    const result = run([], [table('b', [col('id')], { renamedFrom: 'a' })]);
    expect(kinds(result.changes)).toEqual(['table.create table:public.b']);
  });
});

describe('diff: enums and sequences', () => {
  it.each([
    ['values', [enumType('e', ['a'])], [enumType('e', ['a', 'b'])], ['enum.alter enum:public.e']],
    ['rename', [enumType('e', ['a'])], [enumType('f', ['a'], { renamedFrom: 'e' })], ['enum.rename enum:public.f']],
    ['sequence option', [sequence('s', { options: { increment: '1' } })], [sequence('s', { options: { increment: '2' } })], ['sequence.alter sequence:public.s']],
    ['sequence partial', [sequence('s', { options: { increment: '1', cache: '1' } })], [sequence('s', { options: { increment: '1' } })], []],
    ['sequence owner', [sequence('s')], [sequence('s', { ownedBy: { table: 't', column: 'a' } })], ['sequence.alter sequence:public.s']],
  ] as const)('%s', (_n, from, to, expected) => {
    expect(kinds(run([...from], [...to]).changes)).toEqual(expected);
  });

  it('a renamed enum does not change the columns that use it', () => {
    const from = [enumType('e', ['a']), table('t', [col('c', 'public.e[]')])];
    const to = [enumType('f', ['a'], { renamedFrom: 'e' }), table('t', [col('c', 'public.f[]')])];
    expect(kinds(run(from, to).changes)).toEqual(['enum.rename enum:public.f']);
  });
});

describe('diff: constraints and indexes', () => {
  it('recreates a changed check and alters a comment-only change', () => {
    const t = table('t', [col('a')]);
    const result = run([t, check('t', 'c', 'a > 0'), check('t', 'd', 'a > 1')],
      [t, check('t', 'c', 'a > 1'), { ...check('t', 'd', 'a > 1'), comment: 'x' }]);
    expect(kinds(result.changes)).toEqual([
      'constraint.alter constraint:public.t.d', 'constraint.drop constraint:public.t.c', 'constraint.create constraint:public.t.c',
    ]);
  });

  it('recreates an index on a key change, alters it on a comment change, renames from a hint', () => {
    const t = table('t', [col('a'), col('b')]);
    expect(kinds(run([t, index('i', 't', ['a'])], [t, index('i', 't', ['b'])]).changes))
      .toEqual(['index.drop index:public.i', 'index.create index:public.i']);
    expect(kinds(run([t, index('i', 't', ['a'])], [t, index('i', 't', ['a'], { comment: 'c' })]).changes))
      .toEqual(['index.alter index:public.i']);
    expect(kinds(run([t, index('i', 't', ['a'])], [t, index('j', 't', ['a'], { renamedFrom: 'i' })]).changes))
      .toEqual(['index.rename index:public.j']);
  });

  it('recreates an index that moved to another table', () => {
    const objs = [table('t', [col('a')]), table('u', [col('a')])];
    expect(kinds(run([...objs, index('i', 't', ['a'])], [...objs, index('i', 'u', ['a'])]).changes))
      .toEqual(['index.drop index:public.i', 'index.create index:public.i']);
  });

  it('suggests an index rename', () => {
    const t = table('t', [col('a')]);
    expect(run([t, index('i', 't', ['a'])], [t, index('j', 't', ['a'])]).suggestions).toMatchObject([{ kind: 'index', from: 'public.i', to: 'public.j' }]);
  });
});

describe('diff: determinism', () => {
  it('gives the same output whatever the insertion order', () => {
    const objs: DbObject[] = [table('b', [col('x')]), table('a', [col('y')]), enumType('e', ['1']), index('i', 'a', ['y'])];
    const one = diff(model(), model(...objs));
    const two = diff(model(), model(...[...objs].reverse()));
    expect(kinds(one.changes)).toEqual(kinds(two.changes));
  });
});
