import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  bigint, boolean, bytea, char, cidr, customType, date, doublePrecision, enumType, inet, integer, interval, json,
  jsonb, macaddr, numeric, real, smallint, sql, table, text, time, timestamp, timestamptz, timetz, uuid, varchar,
  type ColumnBuilder,
} from '../../src/dsl/index.js';
import type { Column } from '../../src/model/types.js';
import { compileObjects } from './helpers.js';

function columnOf(builder: ColumnBuilder<unknown>): Column {
  const model = compileObjects({ t: table('t', { c: builder }) });
  const column = model.table.get('table:public.t')?.columns[0];
  if (!column) throw new Error('column not compiled');
  return column;
}

const plain = { notNull: false, default: null, identity: null, generated: null, collation: null, comment: null };

describe('column types use the format_type spelling', () => {
  const cases: [string, () => ColumnBuilder<unknown>, string][] = [
    ['smallint', smallint, 'smallint'],
    ['integer', integer, 'integer'],
    ['bigint', bigint, 'bigint'],
    ['numeric', () => numeric(), 'numeric'],
    ['numeric(10,2)', () => numeric(10, 2), 'numeric(10,2)'],
    ['numeric(8)', () => numeric(8), 'numeric(8,0)'],
    ['real', real, 'real'],
    ['doublePrecision', doublePrecision, 'double precision'],
    ['text', text, 'text'],
    ['varchar(20)', () => varchar(20), 'character varying(20)'],
    ['varchar()', () => varchar(), 'character varying'],
    ['char(3)', () => char(3), 'character(3)'],
    ['char()', () => char(), 'character(1)'],
    ['boolean', boolean, 'boolean'],
    ['uuid', uuid, 'uuid'],
    ['bytea', bytea, 'bytea'],
    ['json', () => json(), 'json'],
    ['jsonb', () => jsonb(), 'jsonb'],
    ['date', date, 'date'],
    ['time', () => time(), 'time without time zone'],
    ['time(3)', () => time(3), 'time(3) without time zone'],
    ['timetz', () => timetz(), 'time with time zone'],
    ['timestamp', () => timestamp(), 'timestamp without time zone'],
    ['timestamptz', () => timestamptz(), 'timestamp with time zone'],
    ['timestamptz(3)', () => timestamptz(3), 'timestamp(3) with time zone'],
    ['interval', () => interval(), 'interval'],
    ['inet', inet, 'inet'],
    ['cidr', cidr, 'cidr'],
    ['macaddr', macaddr, 'macaddr'],
    ['integer[]', () => integer().array(), 'integer[]'],
    ['varchar(5)[]', () => varchar(5).array(), 'character varying(5)[]'],
    ['customType ltree', () => customType('ltree'), 'ltree'],
    ['customType qualified', () => customType('public.citext'), 'public.citext'],
  ];
  it.each(cases)('%s', (_label, make, type) => {
    expect(columnOf(make())).toEqual({ name: 'c', type, ...plain });
  });

  it('enum columns are typed schema.name and bring their enum along', () => {
    const mood = enumType('mood', ['sad', 'ok', 'happy']);
    const model = compileObjects({ t: table('t', { m: mood().array() }) });
    expect(model.table.get('table:public.t')?.columns[0]?.type).toBe('public.mood[]');
    expect(model.enum.get('enum:public.mood')).toEqual({ kind: 'enum', schema: 'public', name: 'mood', values: ['sad', 'ok', 'happy'], comment: null });
  });
});

describe('column modifiers', () => {
  it('notNull, comment, collate, renamedFrom and backfill', () => {
    const c = columnOf(text().notNull().comment('why').collate('C').renamedFrom('old').backfill(sql`'x'`));
    expect(c).toEqual({ ...plain, name: 'c', type: 'text', notNull: true, comment: 'why', collation: 'C', renamedFrom: 'old', backfill: `'x'` });
  });

  it('literal defaults stay literal values; sql defaults keep their text', () => {
    expect(columnOf(integer().default(42)).default).toEqual({ kind: 'literal', value: 42 });
    expect(columnOf(boolean().default(false)).default).toEqual({ kind: 'literal', value: false });
    expect(columnOf(text().default("it's")).default).toEqual({ kind: 'literal', value: "it's" });
    expect(columnOf(bigint().default(9007199254740993n)).default).toEqual({ kind: 'literal', value: '9007199254740993' });
    expect(columnOf(doublePrecision().default(Number.NaN)).default).toEqual({ kind: 'literal', value: 'NaN' });
    expect(columnOf(timestamptz().default(new Date(Date.UTC(2024, 0, 2)))).default).toEqual({ kind: 'literal', value: '2024-01-02T00:00:00.000Z' });
    expect(columnOf(timestamptz().default(sql`now()`)).default).toEqual({ kind: 'sql', text: 'now()' });
    expect(columnOf(timestamptz().defaultNow()).default).toEqual({ kind: 'sql', text: 'now()' });
    expect(columnOf(uuid().defaultRandom()).default).toEqual({ kind: 'sql', text: 'gen_random_uuid()' });
  });

  it('json defaults are stored as JSON text, array defaults in array input syntax', () => {
    expect(columnOf(jsonb().default({ a: [1, 'x'] })).default).toEqual({ kind: 'literal', value: '{"a":[1,"x"]}' });
    expect(columnOf(json().default('s')).default).toEqual({ kind: 'literal', value: '"s"' });
    expect(columnOf(integer().array().default([])).default).toEqual({ kind: 'literal', value: '{}' });
    expect(columnOf(integer().array().default([1, 2])).default).toEqual({ kind: 'literal', value: '{1,2}' });
    expect(columnOf(text().array().default(['a b', 'q"\\', null as unknown as string])).default).toEqual({
      kind: 'literal',
      value: '{"a b","q\\"\\\\",NULL}',
    });
  });

  it('identity implies NOT NULL and keeps sequence options as strings', () => {
    expect(columnOf(bigint().identity())).toEqual({
      ...plain, name: 'c', type: 'bigint', notNull: true, identity: { generation: 'always', options: {} },
    });
    expect(columnOf(integer().identity('by-default', { start: 100, increment: 2n, cycle: false })).identity).toEqual({
      generation: 'by-default',
      options: { start: '100', increment: '2', cycle: false },
    });
  });

  it('generated columns carry their expression', () => {
    expect(columnOf(numeric(10, 2).generatedAs(sql`price * 2`)).generated).toBe('price * 2');
  });

  it('named() sets the database name while the key stays the property', () => {
    const t = table('t', { createdAt: timestamptz().named('created_at') });
    expect(t.createdAt.columnName).toBe('created_at');
    expect(compileObjects({ t }).table.get('table:public.t')?.columns[0]?.name).toBe('created_at');
  });

  it('a builder shared by two tables is copied, not shared', () => {
    const shared = { created_at: timestamptz().notNull().defaultNow() };
    const a = table('a', { ...shared });
    const b = table('b', { ...shared, note: text() });
    const model = compileObjects({ a, b });
    expect(model.table.get('table:public.a')?.columns.map((c) => c.name)).toEqual(['created_at']);
    expect(model.table.get('table:public.b')?.columns.map((c) => c.name)).toEqual(['created_at', 'note']);
  });

  it('array() keeps the modifiers set before it', () => {
    expect(columnOf(text().notNull().array())).toMatchObject({ type: 'text[]', notNull: true });
  });
});

describe('type-level guards', () => {
  it('rejects identity on non-integer builders and wrong literal types at compile time of TypeScript', () => {
    // @ts-expect-error identity() exists only for integer columns
    expect(() => text().identity()).not.toThrow();
    // @ts-expect-error a text column takes a string default
    text().default(1);
    // @ts-expect-error enum defaults must be one of the labels
    enumType('e', ['a', 'b'])().default('c');
    // @ts-expect-error sql`` interpolates fragments only
    expect(() => sql`x = ${'y'}`).toThrow(TypeError);
  });
});

describe('InferSelect', () => {
  it('maps columns to their value types, nullable unless NOT NULL', () => {
    const mood = enumType('mood2', ['a', 'b']);
    const t = table('t', { id: integer().identity().primaryKey(), name: text().notNull(), note: text(), m: mood() });
    type Row = import('../../src/dsl/index.js').InferSelect<typeof t>;
    expectTypeOf<Row>().toEqualTypeOf<{ id: number; name: string; note: string | null; m: 'a' | 'b' | null }>();
    expect(Object.keys(t).filter((k) => typeof (t as unknown as Record<string, unknown>)[k] === 'object')).toEqual(['id', 'name', 'note', 'm']);
  });
});
