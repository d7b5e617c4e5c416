import { expect } from 'vitest';
import { createMixed } from '../../../src/api/schema-sql.js';
import type { Queryable } from '../../../src/db/queryable.js';
import { describeChange } from '../../../src/diff/describe-change.js';
import { diff } from '../../../src/diff/index.js';
import { compile } from '../../../src/dsl/index.js';
import { introspect } from '../../../src/introspect/index.js';
import type { Model } from '../../../src/model/types.js';
import { migrationBetween } from '../../../src/pipeline/migration.js';
import type { Plan } from '../../../src/plan/index.js';
import { carryHints, creationScript } from '../../../src/verify/normalize.js';
import { REPLAY_PHASES, runMigrationFile } from '../../../src/verify/replay.js';
import {
  beforeSql, childOf, converting, desiredExports, failing, hasNullRow, hasRows, rowsSql, NULL_ROW, VALUE_ROWS,
  type MatrixTable, type Slot, type Strategy,
} from './schema.js';
import { SHARED_TYPES_SQL, typeOf } from './types.js';

/** A column's values by row id, as text (NULL as null). */
export type ColumnValues = ReadonlyMap<number, string | null>;

/** What PostgreSQL's own ALTER … TYPE … USING col::type gives a slot's values, or its error. */
export type Outcome = { readonly ok: true; readonly values: ColumnValues } | { readonly ok: false; readonly error: string };

export async function resetPublic(db: Queryable): Promise<void> {
  await db.exec('DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;');
}

async function readColumns(db: Queryable, table: string, columns: readonly string[]): Promise<Map<string, Map<number, string | null>>> {
  const select = ['id', ...columns.map((c) => `${c}::text AS ${c}`)].join(', ');
  const { rows } = await db.query<Record<string, string | number | null>>(`SELECT ${select} FROM ${table} ORDER BY id`);
  const out = new Map(columns.map((c) => [c, new Map<number, string | null>()]));
  for (const row of rows) for (const c of columns) out.get(c)!.set(Number(row.id), row[c] as string | null);
  return out;
}

const message = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/**
 * ALTER … TYPE as PostgreSQL converts on its own: as an assignment (a string too long for varchar(n)
 * fails rather than being cut), and with USING col::type only where it asks for one (no assignment
 * cast between the types).
 */
async function alterAsPostgres(db: Queryable, alter: string, using: string): Promise<void> {
  try {
    await db.exec(alter);
  } catch (err) {
    if (!message(err).includes('cannot be cast automatically')) throw err;
    await db.exec(`${alter} USING ${using}`);
  }
}

/**
 * The oracle: every slot's values in one table, each column changed by PostgreSQL itself with
 * ALTER COLUMN … TYPE … USING col::type, in the engine under test (its version, its TimeZone).
 */
export async function runOracle(db: Queryable): Promise<ReadonlyMap<string, Outcome>> {
  const slots = [...converting, ...failing];
  await resetPublic(db);
  await db.exec(`${SHARED_TYPES_SQL}
CREATE TABLE oracle (id integer PRIMARY KEY, ${slots.map((s) => `${s.column} ${s.pair.from.sql}`).join(', ')});
${rowsSql('oracle', slots, true)}`);
  const errors = new Map<string, string>();
  for (const s of slots) {
    const type = typeOf(s.pair.to);
    const alter = `ALTER TABLE oracle ALTER COLUMN ${s.column} TYPE ${type}`;
    try {
      if (s.pair.oracleUsing !== undefined) await db.exec(`${alter} USING ${s.pair.oracleUsing.replaceAll('col', s.column)}`);
      else await alterAsPostgres(db, alter, `${s.column}::${type}`);
    } catch (err) {
      errors.set(s.column, message(err));
    }
  }
  const values = await readColumns(db, 'oracle', slots.map((s) => s.column));
  return new Map(slots.map((s) => {
    const error = errors.get(s.column);
    return [s.column, error === undefined ? { ok: true, values: values.get(s.column)! } : { ok: false, error }];
  }));
}

/**
 * The desired schema, normalized the way a project's TypeScript schema with sqlDefinitions() is, in
 * a scratch database of the engine under test (PostgreSQL 15 prints a view's columns qualified).
 */
async function desiredModel(scratch: Queryable, exports: Record<string, unknown>): Promise<Model> {
  await resetPublic(scratch);
  const { model: declared, sql } = compile([{ file: 'type-matrix.ts', exports }]);
  await createMixed(scratch, creationScript(declared), sql);
  return carryHints(declared, await introspect(scratch));
}

async function sequenceValues(db: Queryable): Promise<Map<string, string | null>> {
  const { rows } = await db.query<{ name: string; last: string | number | null }>(
    "SELECT schemaname || '.' || sequencename AS name, last_value AS last FROM pg_sequences ORDER BY 1");
  return new Map(rows.map((r) => [r.name, r.last === null ? null : String(r.last)]));
}

async function runPhases(db: Queryable, files: Partial<Record<string, string>>, name: string): Promise<string> {
  const script = REPLAY_PHASES.map((p) => files[p] ?? '').join('\n');
  for (const phase of REPLAY_PHASES) {
    const text = files[phase];
    if (text) await runMigrationFile(db, text, `${name}/${phase}.sql`);
  }
  return script;
}

function plan(from: Model, desired: Model) {
  const { plan: made, migration } = migrationBetween(from, desired, {
    allowHazards: true, render: { as: 'files', version: '20260101T000000Z', name: 'type-matrix' },
  });
  if (migration === null) throw new Error('the gate held back a step although every hazard is approved');
  return { plan: made, files: migration.files as Partial<Record<string, string>> };
}

/** The rows a table of the batch holds after the change: the oracle's values of its ids. */
function expectedRows(oracle: ReadonlyMap<string, Outcome>, s: Slot, ids: readonly number[]): Map<number, string | null> {
  const o = oracle.get(s.column)!;
  if (!o.ok) throw new Error(`${s.column} does not convert in PostgreSQL: ${o.error}`);
  return new Map(ids.map((id) => [id, o.values.get(id) ?? null]));
}

/**
 * One migration for every table of the batch: plans the live database to the desired schema, runs
 * expand, migrate and contract, and requires the desired schema exactly, an empty second plan,
 * every value as the oracle converted it, and every sequence at the value it had.
 */
export async function runBatch(db: Queryable, scratch: Queryable, tables: readonly MatrixTable[],
  oracle: ReadonlyMap<string, Outcome>): Promise<Plan> {
  await resetPublic(db);
  await db.exec(beforeSql(tables));
  const sequences = await sequenceValues(db);
  const expected = (column: string, id: number): string | null => {
    const o = oracle.get(column);
    return o?.ok === true ? o.values.get(id) ?? null : null;
  };
  const desired = await desiredModel(scratch, desiredExports(tables, expected));
  const { plan: made, files } = plan(await introspect(db), desired);
  let script = '';
  try {
    script = await runPhases(db, files, 'type-matrix');
  } catch (err) {
    if (err instanceof Error) err.message = `${err.message}\n--- migration ---\n${REPLAY_PHASES.map((p) => files[p] ?? '').join('\n')}`;
    throw err;
  }
  const actual = await introspect(db);
  expect(diff(actual, desired).changes.map(describeChange), 'differences after contract').toEqual([]);
  expect(migrationBetween(actual, desired, { allowHazards: true }).plan.steps.map((s) => s.op.kind), 'second plan').toEqual([]);
  const wrong: string[] = [];
  for (const t of tables) {
    const ids = hasRows(t) ? [...VALUE_ROWS, ...(hasNullRow(t) ? [NULL_ROW] : [])] : [];
    const names = t.variation === 'foreign keys' ? [t.name, childOf(t)] : [t.name];
    for (const name of names) {
      const read = await readColumns(db, name, t.slots.map((s) => s.column));
      const rowIds = name === t.name ? ids : [...VALUE_ROWS, NULL_ROW];
      for (const s of t.slots) {
        const got = JSON.stringify(Object.fromEntries(read.get(s.column)!));
        const want = JSON.stringify(Object.fromEntries(expectedRows(oracle, s, rowIds)));
        if (got !== want) wrong.push(`${name}.${s.column} ${s.pair.from.name} → ${s.pair.to.name}: ${got}, PostgreSQL gives ${want}`);
      }
    }
  }
  expect(wrong, 'values that differ from what PostgreSQL\'s ALTER gives').toEqual([]);
  expect(Object.fromEntries(await sequenceValues(db)), `sequences after the migration\n${script}`).toEqual(Object.fromEntries(sequences));
  return made;
}

/**
 * A pair whose values do not convert, alone in its table: planning refuses it, or the migration
 * fails; either way every value is still there, unchanged.
 */
export async function runFailing(db: Queryable, scratch: Queryable, s: Slot, strategy: Strategy): Promise<string> {
  const t: MatrixTable = { name: 'f', variation: 'rows', strategy, slots: [s] };
  await resetPublic(db);
  await db.exec(beforeSql([t]));
  const before = await readColumns(db, 'f', [s.column]);
  let failure: string | null = null;
  try {
    const desired = await desiredModel(scratch, desiredExports([t], () => null));
    const { files } = plan(await introspect(db), desired);
    await runPhases(db, files, 'failing');
  } catch (err) {
    failure = message(err);
  }
  expect(failure, `${s.pair.from.name} → ${s.pair.to.name} (${strategy}) must fail`).not.toBeNull();
  expect(await readColumns(db, 'f', [s.column]), 'the values are kept').toEqual(before);
  return failure!;
}
