import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scratchPglite } from '../../src/db/pglite.js';
import type { Queryable } from '../../src/db/queryable.js';
import { diff } from '../../src/diff/index.js';
import { check, compile, enumType, index, integer, schema, sql, table, text } from '../../src/dsl/index.js';
import { introspect } from '../../src/introspect/index.js';
import type { Model } from '../../src/model/index.js';
import { planChanges } from '../../src/plan/index.js';
import { gatedScript } from '../../src/pipeline/migration.js';
import { normalizeModel } from '../../src/verify/normalize.js';
import { differences } from '../scenarios/harness.js';
import { resetDatabase } from '../property/roundtrip.js';

/**
 * Names, comments, enum labels and literal defaults from schema files reach SQL only through
 * src/sql/ident.ts. Each hostile string below would drop the `victim` table if it were pasted
 * into SQL unquoted; the schema must instead be created exactly, names and all.
 */

const DROP = 'DROP TABLE public.victim; --';
const HOSTILE = {
  schema: `s"; ${DROP}`,
  table: `t"; ${DROP}`,
  column: `c'); ${DROP}`,
  dollar: `$$; ${DROP} $$`,
  index: `ix"; ${DROP}`,
  check: `ck'; ${DROP}`,
  enumName: `e"; ${DROP}`,
  label: `'); ${DROP}`,
  comment: `'; ${DROP} $pgtide$ ${DROP} $pgtide$ E'\\''`,
  backslash: `back\\'; ${DROP}`,
};

function hostileSchema(): Record<string, unknown> {
  const ns = schema(HOSTILE.schema).comment(HOSTILE.comment);
  const e = enumType(HOSTILE.enumName, [HOSTILE.label, HOSTILE.dollar, HOSTILE.backslash]).comment(HOSTILE.comment);
  const t = ns.table(HOSTILE.table, {
    id: integer().named(HOSTILE.column).primaryKey().comment(HOSTILE.comment),
    note: text().named(HOSTILE.dollar).default(HOSTILE.label).comment(HOSTILE.backslash),
    mood: e().default(HOSTILE.label),
  }, (t) => [index(HOSTILE.index).on(t.note).comment(HOSTILE.comment), check(HOSTILE.check, sql`true`).comment(HOSTILE.comment)]).comment(HOSTILE.comment);
  return { ns, e, t };
}

let scratch: Queryable;
let target: Queryable;

async function withVictim(db: Queryable): Promise<void> {
  await resetDatabase(db);
  await db.exec(`CREATE TABLE public.victim (id int); INSERT INTO public.victim VALUES (1), (2)`);
}

async function victimRows(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM public.victim`);
  return rows[0]!.n;
}

beforeAll(async () => {
  [scratch, target] = await Promise.all([scratchPglite(), scratchPglite()]);
});
afterAll(async () => {
  await Promise.all([scratch?.close(), target?.close()]);
});

describe('hostile identifiers, labels, literals and comments', () => {
  it('are created exactly, inject nothing, and plan again to nothing', async () => {
    await withVictim(scratch);
    const desired = await normalizeModel(compile([{ file: 'hostile.ts', exports: hostileSchema() }]).model, scratch);
    expect(await victimRows(scratch)).toBe(2);
    await withVictim(target);
    const before = await introspect(target);
    const plan = planChanges(diff(before, desired), { from: before, to: desired });
    await target.exec(gatedScript(plan, { allowHazards: true }).sql);
    expect(await victimRows(target)).toBe(2);
    const after = await introspect(target);
    const table = [...after.table.values()].find((t) => t.schema === HOSTILE.schema);
    expect(table?.name).toBe(HOSTILE.table);
    expect(table?.comment).toBe(HOSTILE.comment);
    expect(table?.columns.map((c) => [c.name, c.comment])).toEqual([[HOSTILE.column, HOSTILE.comment], [HOSTILE.dollar, HOSTILE.backslash], ['mood', null]]);
    expect([...after.enum.values()].find((e) => e.name === HOSTILE.enumName)?.values).toEqual([HOSTILE.label, HOSTILE.dollar, HOSTILE.backslash]);
    expect([...after.index.values()].map((i) => i.name)).toContain(HOSTILE.index);
    expect([...after.constraint.values()].map((c) => c.name)).toContain(HOSTILE.check);
    expect(differences(after, desired)).toEqual([]);
  });
});

describe('the hazard gate', () => {
  const v1 = () => ({
    keep: table('keep', { id: integer().primaryKey(), name: text(), age: text() }),
    gone: table('gone', { id: integer() }),
  });
  const v2 = () => ({ keep: table('keep', { id: integer().primaryKey(), age: integer() }) });

  async function model(exports: Record<string, unknown>): Promise<Model> {
    await resetDatabase(scratch);
    return normalizeModel(compile([{ file: 'gate.ts', exports }]).model, scratch);
  }

  it('without approval, a script that drops a table and a column and narrows a type leaves every row and value in place', async () => {
    const [a, b] = [await model(v1()), await model(v2())];
    await resetDatabase(target);
    const create = planChanges(diff(await introspect(target), a), { from: await introspect(target), to: a });
    await target.exec(gatedScript(create, { allowHazards: true }).sql);
    await target.exec(`INSERT INTO keep VALUES (1, 'ann', '41'), (2, 'bob', 'x'); INSERT INTO gone VALUES (7)`);
    const from = await introspect(target);
    const plan = planChanges(diff(from, b), { from, to: b });
    const gated = gatedScript(plan, { allowHazards: false });
    expect(gated.blocked.length).toBeGreaterThanOrEqual(3);
    expect(gated.blocked.flatMap((s) => s.hazards.map((h) => h.kind))).toContain('data-loss');
    await target.exec(gated.sql);
    const { rows } = await target.query(`SELECT id, name, age::text AS age FROM keep ORDER BY id`);
    expect(rows).toEqual([{ id: 1, name: 'ann', age: '41' }, { id: 2, name: 'bob', age: 'x' }]);
    expect((await target.query(`SELECT id FROM gone`)).rows).toEqual([{ id: 7 }]);
  });
});
