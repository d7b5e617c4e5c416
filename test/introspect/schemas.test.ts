import { describe, expect, it } from 'vitest';
import { ENGINES, introspectSql } from './helpers.js';

describe.each(ENGINES)('schemas, extensions and enums on $name', (engine) => {
  it.skipIf(engine.skip)('reads user schemas with comments, public included, system schemas excluded', async () => {
    const m = await introspectSql(
      engine,
      `CREATE SCHEMA app;
       CREATE SCHEMA "Mixed Case";
       CREATE SCHEMA "ünïcødé";
       COMMENT ON SCHEMA app IS 'application tables';
       COMMENT ON SCHEMA public IS NULL;
       CREATE SCHEMA pgtide;`,
    );
    expect([...m.schema.values()]).toEqual([
      { kind: 'schema', name: 'Mixed Case', comment: null },
      { kind: 'schema', name: 'app', comment: 'application tables' },
      { kind: 'schema', name: 'public', comment: null },
      { kind: 'schema', name: 'ünïcødé', comment: null },
    ]);
  });

  it.skipIf(engine.skip)('reads extensions and enums, with labels in sort order', async () => {
    const m = await introspectSql(
      engine,
      `CREATE SCHEMA ext;
       CREATE EXTENSION citext SCHEMA ext;
       CREATE TYPE public.mood AS ENUM ('sad', 'ok', 'happy');
       ALTER TYPE public.mood ADD VALUE 'meh' BEFORE 'ok';
       CREATE TYPE public."Weird ""Enum""" AS ENUM ('a b', 'Ä');
       CREATE TYPE public.empty AS ENUM ();
       COMMENT ON TYPE public.mood IS 'how it feels';`,
      { extensions: ['citext'] },
    );
    const citext = m.extension.get('extension:citext');
    expect(citext).toEqual({
      kind: 'extension',
      name: 'citext',
      schema: 'ext',
      version: expect.stringMatching(/^1\.\d+$/),
    });
    expect([...m.extension.keys()]).toEqual(['extension:citext']);
    expect([...m.enum.values()]).toEqual([
      { kind: 'enum', schema: 'public', name: 'Weird "Enum"', values: ['a b', 'Ä'], comment: null },
      { kind: 'enum', schema: 'public', name: 'empty', values: [], comment: null },
      { kind: 'enum', schema: 'public', name: 'mood', values: ['sad', 'meh', 'ok', 'happy'], comment: 'how it feels' },
    ]);
  });

  it.skipIf(engine.skip)('excludes every object that belongs to an extension, its schema included', async () => {
    const m = await introspectSql(
      engine,
      `CREATE EXTENSION citext;
       CREATE SCHEMA owned;
       CREATE TABLE owned.t (id int PRIMARY KEY);
       CREATE TYPE public.ext_enum AS ENUM ('x');
       CREATE TABLE public.ext_table (id serial PRIMARY KEY, v int);
       CREATE INDEX ext_table_v ON public.ext_table (v);
       CREATE SEQUENCE public.ext_seq;
       ALTER EXTENSION citext ADD SCHEMA owned;
       ALTER EXTENSION citext ADD TYPE public.ext_enum;
       ALTER EXTENSION citext ADD TABLE public.ext_table;
       ALTER EXTENSION citext ADD SEQUENCE public.ext_table_id_seq;
       ALTER EXTENSION citext ADD SEQUENCE public.ext_seq;
       CREATE TABLE public.mine (id int, name public.citext);`,
      { extensions: ['citext'] },
    );
    expect([...m.schema.keys()]).toEqual(['schema:public']);
    expect([...m.enum.keys()]).toEqual([]);
    expect([...m.sequence.keys()]).toEqual([]);
    expect([...m.table.keys()]).toEqual(['table:public.mine']);
    expect([...m.constraint.keys()]).toEqual([]);
    expect([...m.index.keys()]).toEqual([]);
  });

  it.skipIf(engine.skip)('limits every kind to the requested schemas', async () => {
    const m = await introspectSql(
      engine,
      `CREATE SCHEMA a; CREATE SCHEMA b;
       CREATE TYPE a.e AS ENUM ('x'); CREATE TYPE b.e AS ENUM ('y');
       CREATE TABLE a.t (id serial PRIMARY KEY); CREATE TABLE b.t (id serial PRIMARY KEY);
       CREATE INDEX ON b.t (id DESC);`,
      { schemas: ['b'] },
    );
    expect([...m.schema.keys()]).toEqual(['schema:b']);
    expect([...m.enum.keys()]).toEqual(['enum:b.e']);
    expect([...m.sequence.keys()]).toEqual(['sequence:b.t_id_seq']);
    expect([...m.table.keys()]).toEqual(['table:b.t']);
    expect([...m.constraint.keys()]).toEqual(['constraint:b.t.t_pkey']);
    expect([...m.index.keys()]).toEqual(['index:b.t_id_idx']);
  });
});
