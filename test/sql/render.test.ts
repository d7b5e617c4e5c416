import { describe, expect, it } from 'vitest';
import { op, qname, type Op } from '../../src/plan/ops.js';
import { renderOp } from '../../src/sql/index.js';
import { check, col, fk, index, pk } from '../diff/fixtures.js';

const t = qname('public', 'Users');
const cases: [string, Op, string][] = [
  ['create schema', op('create-schema', { name: 'App' }), 'CREATE SCHEMA "App"'],
  ['drop schema', op('drop-schema', { name: 'app' }), 'DROP SCHEMA app'],
  ['create extension', op('create-extension', { name: 'pg_trgm', schema: 'public', version: '1.6' }), "CREATE EXTENSION pg_trgm WITH SCHEMA public VERSION '1.6'"],
  ['update extension', op('update-extension', { name: 'pg_trgm', version: '1.6' }), "ALTER EXTENSION pg_trgm UPDATE TO '1.6'"],
  ['drop extension', op('drop-extension', { name: 'pg_trgm' }), 'DROP EXTENSION pg_trgm'],
  ['create enum', op('create-enum', { type: qname('public', 'mood'), values: ['ok', "it's"] }), "CREATE TYPE public.mood AS ENUM ('ok', 'it''s')"],
  ['add value after', op('add-enum-value', { type: qname('public', 'mood'), value: 'b', before: null, after: 'a' }), "ALTER TYPE public.mood ADD VALUE 'b' AFTER 'a'"],
  ['add value before', op('add-enum-value', { type: qname('public', 'mood'), value: 'a', before: 'b', after: null }), "ALTER TYPE public.mood ADD VALUE 'a' BEFORE 'b'"],
  ['rename enum', op('rename-enum', { type: qname('public', 'mood'), newName: 'Mood' }), 'ALTER TYPE public.mood RENAME TO "Mood"'],
  ['drop enum', op('drop-enum', { type: qname('public', 'mood') }), 'DROP TYPE public.mood'],
  ['create sequence', op('create-sequence', { sequence: qname('public', 's'), options: { dataType: 'bigint', start: '10', cycle: false } }),
    'CREATE SEQUENCE public.s AS bigint START WITH 10 NO CYCLE'],
  ['alter sequence', op('alter-sequence', { sequence: qname('public', 's'), options: { increment: '2', cycle: true } }), 'ALTER SEQUENCE public.s INCREMENT BY 2 CYCLE'],
  ['sequence owner', op('set-sequence-owner', { sequence: qname('public', 's'), owner: { schema: 'public', table: 'Users', column: 'id' } }),
    'ALTER SEQUENCE public.s OWNED BY public."Users".id'],
  ['sequence owner none', op('set-sequence-owner', { sequence: qname('public', 's'), owner: null }), 'ALTER SEQUENCE public.s OWNED BY NONE'],
  ['drop sequence', op('drop-sequence', { sequence: qname('public', 's') }), 'DROP SEQUENCE public.s'],
  ['create table', op('create-table', { table: t, columns: [
    col('id', 'bigint', { notNull: true, identity: { generation: 'always', options: { start: '5' } } }),
    col('name', 'character varying(20)', { collation: 'C', default: { kind: 'literal', value: 'x' } }),
    col('total', 'integer', { generated: 'id * 2' }),
  ] }), 'CREATE TABLE public."Users" (\n  id bigint GENERATED ALWAYS AS IDENTITY (START WITH 5) NOT NULL,\n'
    + '  name character varying(20) COLLATE "C" DEFAULT \'x\',\n  total integer GENERATED ALWAYS AS (id * 2) STORED\n)'],
  ['create empty table', op('create-table', { table: qname('public', 'e'), columns: [] }), 'CREATE TABLE public.e ()'],
  ['drop table', op('drop-table', { table: t }), 'DROP TABLE public."Users"'],
  ['rename table', op('rename-table', { table: t, newName: 'people' }), 'ALTER TABLE public."Users" RENAME TO people'],
  ['add column', op('add-column', { table: t, column: col('ok', 'boolean', { notNull: true, default: { kind: 'literal', value: true } }) }),
    'ALTER TABLE public."Users" ADD COLUMN ok boolean DEFAULT true NOT NULL'],
  ['add enum column', op('add-column', { table: t, column: col('m', 'My Schema.Mood[]') }), 'ALTER TABLE public."Users" ADD COLUMN m "My Schema"."Mood"[]'],
  ['drop column', op('drop-column', { table: t, column: 'order' }), 'ALTER TABLE public."Users" DROP COLUMN "order"'],
  ['rename column', op('rename-column', { table: t, column: 'a', newName: 'B' }), 'ALTER TABLE public."Users" RENAME COLUMN a TO "B"'],
  ['type with cast', op('alter-column-type', { table: t, column: 'n', type: 'bigint', collation: null, using: 'cast' }),
    'ALTER TABLE public."Users" ALTER COLUMN n TYPE bigint USING n::bigint'],
  ['type via text', op('alter-column-type', { table: t, column: 'm', type: 'public.mood[]', collation: null, using: 'via-text' }),
    'ALTER TABLE public."Users" ALTER COLUMN m TYPE public.mood[] USING m::text[]::public.mood[]'],
  ['type with collation', op('alter-column-type', { table: t, column: 'n', type: 'text', collation: 'POSIX', using: 'none' }),
    'ALTER TABLE public."Users" ALTER COLUMN n TYPE text COLLATE "POSIX"'],
  ['set not null', op('set-not-null', { table: t, column: 'n' }), 'ALTER TABLE public."Users" ALTER COLUMN n SET NOT NULL'],
  ['drop not null', op('drop-not-null', { table: t, column: 'n' }), 'ALTER TABLE public."Users" ALTER COLUMN n DROP NOT NULL'],
  ['set default sql', op('set-default', { table: t, column: 'n', value: { kind: 'sql', text: 'now()' } }), 'ALTER TABLE public."Users" ALTER COLUMN n SET DEFAULT now()'],
  ['set default number', op('set-default', { table: t, column: 'n', value: { kind: 'literal', value: 42 } }), 'ALTER TABLE public."Users" ALTER COLUMN n SET DEFAULT 42'],
  ['drop default', op('drop-default', { table: t, column: 'n' }), 'ALTER TABLE public."Users" ALTER COLUMN n DROP DEFAULT'],
  ['add identity', op('add-identity', { table: t, column: 'n', generation: 'by-default', options: { increment: '2', dataType: 'bigint' } }),
    'ALTER TABLE public."Users" ALTER COLUMN n ADD GENERATED BY DEFAULT AS IDENTITY (INCREMENT BY 2)'],
  ['drop identity', op('drop-identity', { table: t, column: 'n' }), 'ALTER TABLE public."Users" ALTER COLUMN n DROP IDENTITY'],
  ['set identity', op('set-identity', { table: t, column: 'n', generation: 'always', options: { min: '3', cycle: false } }),
    'ALTER TABLE public."Users" ALTER COLUMN n SET GENERATED ALWAYS SET MINVALUE 3 SET NO CYCLE'],
  ['drop expression', op('drop-expression', { table: t, column: 'n' }), 'ALTER TABLE public."Users" ALTER COLUMN n DROP EXPRESSION'],
  ['backfill', op('backfill-column', { table: t, column: 'n', value: '0', batchSize: 500 }),
    'UPDATE public."Users" SET n = 0 WHERE ctid IN (SELECT ctid FROM public."Users" WHERE n IS NULL LIMIT 500)'],
  ['add pk', op('add-constraint', { constraint: pk('Users', ['id']), notValid: false }), 'ALTER TABLE public."Users" ADD CONSTRAINT "Users_pkey" PRIMARY KEY (id)'],
  ['add fk not valid', op('add-constraint', { constraint: { ...fk('a', ['b_id'], 'b', ['id'], 'a_b'), onDelete: 'cascade', deferrable: true }, notValid: true }),
    'ALTER TABLE public.a ADD CONSTRAINT a_b FOREIGN KEY (b_id) REFERENCES public.b (id) ON UPDATE NO ACTION ON DELETE CASCADE DEFERRABLE NOT VALID'],
  ['add check', op('add-constraint', { constraint: { ...check('a', 'pos', 'n > 0'), noInherit: true }, notValid: false }),
    'ALTER TABLE public.a ADD CONSTRAINT pos CHECK (n > 0) NO INHERIT'],
  ['validate', op('validate-constraint', { table: t, name: 'pos' }), 'ALTER TABLE public."Users" VALIDATE CONSTRAINT pos'],
  ['drop constraint', op('drop-constraint', { table: t, name: 'Users_pkey' }), 'ALTER TABLE public."Users" DROP CONSTRAINT "Users_pkey"'],
  ['rename constraint', op('rename-constraint', { table: t, name: 'a', newName: 'b' }), 'ALTER TABLE public."Users" RENAME CONSTRAINT a TO b'],
  ['create index', op('create-index', { index: index('i', 'Users', ['email'], { unique: true, where: 'deleted IS NULL', include: ['id'] }), concurrently: true }),
    'CREATE UNIQUE INDEX CONCURRENTLY i ON public."Users" USING btree (email) INCLUDE (id) WHERE deleted IS NULL'],
  ['create expression index', op('create-index', { index: index('i', 'u', [], {
    keys: [{ column: null, expression: 'lower(email)', opclass: 'text_pattern_ops', collation: null, descending: true, nullsFirst: false }],
    with: ['fillfactor=70'],
  }), concurrently: false }), 'CREATE INDEX i ON public.u USING btree ((lower(email)) text_pattern_ops DESC NULLS LAST) WITH (fillfactor=70)'],
  ['drop index', op('drop-index', { index: qname('public', 'i'), concurrently: true }), 'DROP INDEX CONCURRENTLY public.i'],
  ['rename index', op('rename-index', { index: qname('public', 'i'), newName: 'j' }), 'ALTER INDEX public.i RENAME TO j'],
  ['comment table', op('comment-on', { target: { on: 'table', object: t }, comment: "it's" }), 'COMMENT ON TABLE public."Users" IS \'it\'\'s\''],
  ['comment column null', op('comment-on', { target: { on: 'column', table: t, column: 'id' }, comment: null }), 'COMMENT ON COLUMN public."Users".id IS NULL'],
  ['comment constraint', op('comment-on', { target: { on: 'constraint', table: t, name: 'pk' }, comment: 'c' }), 'COMMENT ON CONSTRAINT pk ON public."Users" IS \'c\''],
  ['comment type', op('comment-on', { target: { on: 'type', object: qname('public', 'mood') }, comment: 'c' }), "COMMENT ON TYPE public.mood IS 'c'"],
];

describe('renderOp', () => {
  it.each(cases)('%s', (_name, o, sql) => expect(renderOp(o)).toBe(sql));

  it('quotes hostile names everywhere', () => {
    const evil = '"; drop table x; --';
    const sql = renderOp(op('add-column', { table: qname(evil, evil), column: col(evil, 'text', { default: { kind: 'literal', value: evil } }) }));
    expect(sql).toBe('ALTER TABLE """; drop table x; --"."""; drop table x; --" ADD COLUMN """; drop table x; --" text DEFAULT \'"; drop table x; --\'');
  });

  it('refuses sequence options that are not integers', () => {
    expect(() => renderOp(op('create-sequence', { sequence: qname('public', 's'), options: { start: '1; drop table x' } }))).toThrow(/integer/);
  });
});
