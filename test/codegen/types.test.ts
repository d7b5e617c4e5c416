import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDesired } from '../../src/api/desired.js';
import { loadProject } from '../../src/api/project.js';
import { modelJsonSchema } from '../../src/codegen/json-schema.js';
import { typesFromJsonSchema } from '../../src/codegen/types.js';
import { scratchPglite } from '../../src/db/pglite.js';
import { introspect } from '../../src/introspect/index.js';
import type { Model } from '../../src/model/types.js';
import { connectPostgres } from '../../src/db/postgres.js';
import { skipWithoutServer, withTestDatabase } from '../helpers/postgres.js';
import { tempDir } from '../helpers/temp-dir.js';

const run = promisify(execFile);
const TSC = path.resolve('node_modules/.bin/tsc');

// One column per type the DSL has a builder for, plus arrays, an enum, a composite type, a custom type,
// identity, generated and defaulted columns.
const ALL_TYPES = `
CREATE TYPE mood AS ENUM ('ok', 'meh');
CREATE TYPE addr AS (street text, zip integer, moods mood[]);
COMMENT ON TYPE addr IS 'An address.';
CREATE TABLE all_types (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  c_smallint smallint NOT NULL, c_integer integer NOT NULL, c_bigint bigint NOT NULL,
  c_numeric numeric NOT NULL, c_numeric_ps numeric(10,2), c_real real NOT NULL, c_double double precision,
  c_text text NOT NULL DEFAULT '', c_varchar varchar(10), c_char char(3), c_boolean boolean NOT NULL,
  c_uuid uuid NOT NULL DEFAULT gen_random_uuid(), c_bytea bytea, c_json json, c_jsonb jsonb NOT NULL,
  c_inet inet, c_cidr cidr, c_macaddr macaddr, c_date date NOT NULL, c_time time, c_timetz timetz,
  c_timestamp timestamp(3), c_timestamptz timestamptz NOT NULL DEFAULT now(), c_interval interval,
  c_mood mood NOT NULL, c_moods mood[], c_ints integer[] NOT NULL, c_tsvector tsvector,
  c_generated text GENERATED ALWAYS AS (upper(c_text)) STORED,
  c_addr addr NOT NULL, c_addrs addr[]
);
COMMENT ON COLUMN all_types.c_text IS 'Free text.';`;

const USAGE = `
import type { Addr, AllTypes, AllTypesInsert, Database, Mood } from './types.js';

const mood: Mood = 'meh';
export const row: AllTypes = {
  id: '1', c_smallint: 1, c_integer: 2, c_bigint: '9007199254740993', c_numeric: '1.5', c_numeric_ps: null,
  c_real: 1.5, c_double: null, c_text: 'x', c_varchar: null, c_char: 'abc', c_boolean: true,
  c_uuid: '00000000-0000-0000-0000-000000000000', c_bytea: '\\\\x00', c_json: { a: 1 }, c_jsonb: [1, 'two'],
  c_inet: '127.0.0.1', c_cidr: null, c_macaddr: null, c_date: '2026-11-22', c_time: null, c_timetz: null,
  c_timestamp: null, c_timestamptz: '2026-11-22T10:00:00Z', c_interval: '1 day',
  c_mood: mood, c_moods: ['ok'], c_ints: [1, 2], c_tsvector: null, c_generated: 'X',
  c_addr: { street: 'Main', zip: null, moods: ['ok'] }, c_addrs: null,
};
// Defaulted, identity and NULL-able columns may be left out of an insert; generated ones cannot be written.
export const insert: AllTypesInsert = {
  c_smallint: 1, c_integer: 2, c_bigint: '3', c_numeric: '4', c_real: 5, c_boolean: false,
  c_jsonb: {}, c_date: '2026-11-22', c_mood: 'ok', c_ints: [], c_addr: { street: null, zip: 1, moods: null },
};
export const tables: Database['public.all_types'] = row;
// @ts-expect-error bigint is a string: a JS number cannot hold every value
export const badBigint: AllTypes['c_bigint'] = 1;
// @ts-expect-error labels outside the enum are rejected
export const badMood: Mood = 'great';
// @ts-expect-error a NOT NULL column is never null
export const badNull: AllTypes['c_integer'] = null;
// @ts-expect-error a composite value names every attribute (JSON gives each, null or not)
export const badAddr: Addr = { street: 'Main' };
// @ts-expect-error an attribute has its own type
export const badZip: Addr['zip'] = 'x';
// @ts-expect-error generated columns are not part of an insert
export const badInsert: AllTypesInsert = { ...insert, c_generated: 'X' };
`;

async function compiles(dir: string, files: Record<string, string>): Promise<void> {
  for (const [name, text] of Object.entries(files)) await writeFile(path.join(dir, name), text);
  const args = ['--strict', '--noEmit', '--target', 'es2022', '--module', 'nodenext', '--moduleResolution', 'nodenext', ...Object.keys(files)];
  await run(TSC, args, { cwd: dir });
}

describe('types: JSON Schema of rows → TypeScript', () => {
  let dir: string;
  let allTypes: Model;
  beforeAll(async () => {
    dir = await tempDir('pgtide-types-');
    const db = await scratchPglite();
    try {
      await db.exec(ALL_TYPES);
      allTypes = await introspect(db);
    } finally {
      await db.close();
    }
  });

  it('describes selected and inserted rows with the documented conventions', () => {
    const schema = modelJsonSchema(allTypes);
    const row = schema.definitions?.AllTypes;
    const insert = schema.definitions?.AllTypesInsert;
    expect(row?.properties?.c_bigint).toEqual({ type: 'string', format: 'int64' });
    expect(row?.properties?.c_double).toEqual({ anyOf: [{ type: 'number' }, { type: 'null' }] });
    expect(row?.properties?.c_moods).toEqual({ anyOf: [{ type: 'array', items: { $ref: '#/definitions/Mood' } }, { type: 'null' }] });
    expect(row?.properties?.c_text).toEqual({ type: 'string', description: 'Free text.' });
    expect(row?.required).toContain('c_generated');
    expect(insert?.properties?.c_generated).toBeUndefined();
    expect(insert?.required).toEqual(['c_smallint', 'c_integer', 'c_bigint', 'c_numeric', 'c_real', 'c_boolean', 'c_jsonb', 'c_date', 'c_mood', 'c_ints', 'c_addr']);
    expect(row?.properties?.c_addr).toEqual({ $ref: '#/definitions/Addr' });
    expect(row?.properties?.c_addrs).toEqual({ anyOf: [{ type: 'array', items: { $ref: '#/definitions/Addr' } }, { type: 'null' }] });
    expect(schema.definitions?.Addr).toEqual({
      title: 'Addr',
      description: 'An address.',
      type: 'object',
      properties: {
        street: { anyOf: [{ type: 'string' }, { type: 'null' }] },
        zip: { anyOf: [{ type: 'integer' }, { type: 'null' }] },
        moods: { anyOf: [{ type: 'array', items: { $ref: '#/definitions/Mood' } }, { type: 'null' }] },
      },
      required: ['street', 'zip', 'moods'],
      additionalProperties: false,
    });
    expect(schema.definitions?.Mood).toEqual({ title: 'Mood', type: 'string', enum: ['ok', 'meh'] });
  });

  it('makes range and multirange columns strings, built-in or the model\'s, whatever their schema is named', async () => {
    const db = await scratchPglite();
    try {
      await db.exec(`CREATE SCHEMA timeline;
        CREATE TYPE timeline.span AS RANGE (subtype = time);
        CREATE TABLE timeline.booking (s timeline.span NOT NULL, m timeline.span_multirange NOT NULL, ss timeline.span[] NOT NULL,
          i int4range NOT NULL, t tstzrange NOT NULL, d datemultirange NOT NULL);`);
      const row = modelJsonSchema(await introspect(db)).definitions?.TimelineBooking;
      const text = { type: 'string' };
      expect(row?.properties).toEqual({ s: text, m: text, ss: { type: 'array', items: text }, i: text, t: text, d: text });
    } finally {
      await db.close();
    }
  });

  it('compiles under tsc --strict for a schema with every supported column type, and rejects wrong rows', async () => {
    const types = await typesFromJsonSchema(modelJsonSchema(allTypes));
    await compiles(dir, { 'types.ts': types, 'usage.ts': USAGE });
  });

  it.skipIf(skipWithoutServer())('gives the same JSON Schema from PostgreSQL 15 as from PGlite', async () => {
    await withTestDatabase(async (t) => {
      const db = await connectPostgres(t.url);
      try {
        await db.exec(ALL_TYPES);
        expect(modelJsonSchema(await introspect(db))).toEqual(modelJsonSchema(allTypes));
      } finally {
        await db.close();
      }
    });
  });

  it('compiles under tsc --strict for the example schema', async () => {
    const model = await loadDesired(await loadProject('schema.config.ts'));
    const types = await typesFromJsonSchema(modelJsonSchema(model));
    expect(types).toContain('export type PostStatus = "draft" | "published" | "archived";');
    expect(types).toContain('export interface AuditEvents {');
    await compiles(dir, { 'example.ts': types });
  });
});
