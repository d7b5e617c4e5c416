import { afterAll, beforeAll, describe, it } from 'vitest';
import { closeEngines, openEngines, roundTrip, type Engines } from './roundtrip.js';
import type { ColumnSpec, EnumSpec, SchemaSpec, TableSpec, TypeKey, ViewSpec } from './spec.js';

/** Failures the property found, shrunk by hand to the change that broke, kept as named cases. */

const col = (name: string, type: TypeKey, more: Partial<ColumnSpec> = {}): ColumnSpec => ({
  name, type, notNull: false, defaultPick: null, identity: null, generated: false, comment: null, ...more,
});
const tbl = (name: string, columns: ColumnSpec[], more: Partial<TableSpec> = {}): TableSpec => ({
  schema: 'public', name, columns, primaryKey: null, uniques: [], checks: [], indexes: [], references: [], comment: null, ...more,
});
const enums = (mood: string[], status: string[] = ['ok']): EnumSpec[] => [{ name: 'mood', values: mood }, { name: 'Status Code', values: status }];
const schema = (e: EnumSpec[], tables: TableSpec[], views: ViewSpec[] = []): SchemaSpec => ({ enums: e, tables, views });

describe('property regressions', () => {
  let engines: Engines;
  beforeAll(async () => {
    engines = await openEngines();
  });
  afterAll(async () => {
    await closeEngines(engines);
  });

  it('time → date has no cast: the type change goes through text (src/plan/types.ts castForm)', async () => {
    await roundTrip(engines, [
      schema(enums(['happy']), [tbl('t', [col('at', 'time'), col('d', 'interval'), col('w', 'timetz')])]),
      schema(enums(['happy']), [tbl('t', [col('at', 'date'), col('d', 'timestamp'), col('w', 'date')])]),
    ]);
  });

  it('timestamp → time and timestamptz → date keep their direct casts', async () => {
    await roundTrip(engines, [
      schema(enums(['happy']), [tbl('t', [col('a', 'timestamp'), col('b', 'timestamptz')])]),
      schema(enums(['happy']), [tbl('t', [col('a', 'time'), col('b', 'date')])]),
    ]);
  });

  it('an enum that loses a value and gains one used by a new table in expand (src/plan/strategies/enums.ts)', async () => {
    await roundTrip(engines, [
      schema(enums(['happy', 'sad']), [tbl('t', [col('m', 'enum:mood')])]),
      schema(enums(['happy', 'meh']), [
        tbl('t', [col('m', 'enum:mood')]),
        tbl('new one', [col('m', 'enum:mood', { notNull: true, defaultPick: 1 }), col('n', 'enum:Status Code', { defaultPick: 0 })]),
      ]),
    ]);
  });

  it('an enum whose values are reordered and extended while a column default uses a new value', async () => {
    await roundTrip(engines, [
      schema(enums(['a', 'b', 'c']), [tbl('t', [col('m', 'enum:mood', { defaultPick: 0 })])]),
      schema(enums(['c', 'new', 'a']), [tbl('t', [col('m', 'enum:mood', { defaultPick: 1 })])]),
    ]);
  });

  it('a column retyped online keeps its comment, changed or not (src/plan/strategies/column-alter.ts)', async () => {
    await roundTrip(engines, [
      schema(enums(['happy']), [tbl('t', [col('id', 'integer'), col('x', 'bytea', { comment: 'old' }), col('n', 'integer', { comment: 'kept' })])]),
      schema(enums(['happy']), [tbl('t', [col('id', 'integer'), col('x', 'varchar(20)', { comment: 'new' }), col('n', 'bigint', { comment: 'kept' })])]),
    ]);
  });
  it('a dropped table\'s foreign key goes before the key it references is replaced (src/plan/strategies/constraints.ts)', async () => {
    const parent = (key: number[]) => tbl('parent', [col('id', 'integer'), col('code', 'text')], { primaryKey: key });
    const child = tbl('child', [col('x', 'text')], { references: [{ table: 0, onDelete: 'cascade' }] });
    await roundTrip(engines, [
      schema(enums(['happy']), [parent([0]), child]),
      schema(enums(['happy']), [parent([1])]),
    ]);
  });

  it('a dropped table\'s foreign key goes before the key it references is dropped or its column retyped', async () => {
    const child = tbl('child', [col('x', 'text')], { references: [{ table: 0, onDelete: 'no action' }, { table: 1, onDelete: 'set null' }] });
    await roundTrip(engines, [
      schema(enums(['happy']), [
        tbl('a', [col('id', 'integer'), col('n', 'integer')], { primaryKey: [0] }),
        tbl('b', [col('id', 'integer')], { primaryKey: [0] }),
        child,
      ]),
      schema(enums(['happy']), [
        tbl('a', [col('id', 'integer'), col('n', 'integer')]),
        tbl('b', [col('id', 'text')], { primaryKey: [0] }),
      ]),
    ]);
  });

  it('a scalar becomes a one-element array, an array becomes text by its text form (src/plan/types.ts castForm)', async () => {
    await roundTrip(engines, [
      schema(enums(['happy']), [tbl('t', [col('a', 'inet'), col('b', 'text'), col('c', 'integer[]', { notNull: true }), col('d', 'text[]'), col('e', 'enum:mood')])]),
      schema(enums(['happy']), [tbl('t', [col('a', 'integer[]'), col('b', 'text[]', { defaultPick: 0 }), col('c', 'varchar(20)', { notNull: true }), col('d', 'integer'), col('e', 'text[]')])]),
    ]);
  });

  it('an array key column that becomes a scalar, through the USING the schema gives', async () => {
    const parent = (type: TypeKey) => tbl('parent', [col('id', type), col('n', 'integer[]')], { primaryKey: [0] });
    const child = tbl('child', [col('x', 'text')], { references: [{ table: 0, onDelete: 'no action' }] });
    await roundTrip(engines, [
      schema(enums(['happy']), [parent('integer[]'), child]),
      schema(enums(['happy']), [tbl('parent', [col('id', 'uuid'), col('n', 'timestamptz')], { primaryKey: [0] }), child]),
    ]);
  });

  it('an enum rebuild drops the foreign keys between its columns and adds them back (src/plan/strategies/enum-rebuild.ts)', async () => {
    await roundTrip(engines, [
      schema(enums(['happy', 'sad']), [
        tbl('parent', [col('m', 'enum:mood'), col('s', 'enum:Status Code')], { primaryKey: [0, 1] }),
        tbl('child', [col('x', 'integer')], { references: [{ table: 0, onDelete: 'cascade' }] }),
      ]),
      schema(enums(['sad', 'happy'], ['ok', 'new']), [
        tbl('parent', [col('m', 'enum:mood'), col('s', 'enum:Status Code')], { primaryKey: [0, 1] }),
        tbl('child', [col('x', 'integer')], { references: [{ table: 0, onDelete: 'cascade' }] }),
        tbl('other', [col('x', 'integer')], { references: [{ table: 0, onDelete: 'no action' }] }),
      ]),
    ]);
  });

  it('a column retyped online to json: the batched copy needs no equality operator (src/sql/online.ts)', async () => {
    await roundTrip(engines, [
      schema(enums(['happy']), [tbl('t', [col('a', 'text'), col('b', 'jsonb', { defaultPick: 1 }), col('c', 'integer[]')])]),
      schema(enums(['happy']), [tbl('t', [col('a', 'json'), col('b', 'json', { notNull: true, defaultPick: 1 }), col('c', 'json')])]),
    ]);
  });

  it('a column retyped online whose name needs quoting keeps its check constraint (src/plan/strategies/column-swap.ts)', async () => {
    // The check names the column as "a""b": the shadow swap must see that it uses the column, or
    // dropping the old column silently drops the check.
    const t = (type: TypeKey) => tbl('t', [col('id', 'integer'), col('a"b', type)], { checks: [1] });
    await roundTrip(engines, [
      schema(enums(['happy']), [t('json')]),
      schema(enums(['happy']), [t('char(3)')]),
    ]);
  });

  it('a generated column is dropped before the column it is computed from (src/plan/slots.ts)', async () => {
    await roundTrip(engines, [
      schema(enums(['happy']), [tbl('t', [col('a', 'bigint'), col('b', 'integer', { generated: true }), col('c', 'text')])]),
      schema(enums(['happy']), [tbl('t', [col('c', 'text')])]),
    ]);
  });

  it('a generated column becomes plain before the column it was computed from changes type (src/plan/strategies/column-alter.ts)', async () => {
    await roundTrip(engines, [
      schema(enums(['happy']), [tbl('t', [col('a', 'integer'), col('g', 'smallint', { generated: true })])]),
      schema(enums(['happy']), [tbl('t', [col('a', 'text[]'), col('g', 'numeric(10,2)')])]),
    ]);
  });
  it('a generated column added over a column retyped in contract waits for the retype (src/plan/generated.ts)', async () => {
    // Found as "Total" bytea → integer with a new column computed as "Total" * 2: the column was made
    // in expand against bytea. The retype goes online (swap in contract), so the column waits for it.
    await roundTrip(engines, [
      schema(enums(['happy']), [tbl('t', [col('Total', 'bytea'), col('name', 'text')])]),
      schema(enums(['happy']), [tbl('t', [col('Total', 'integer'), col('name', 'text'), col('qty', 'integer', { generated: true })])]),
    ]);
  });

  it('a generated column that stays is dropped and added again around an online retype of its source', async () => {
    await roundTrip(engines, [
      schema(enums(['happy']), [tbl('t', [col('a', 'integer'), col('g', 'bigint', { generated: true, comment: 'twice' })])]),
      schema(enums(['happy']), [tbl('t', [col('a', 'bigint'), col('g', 'bigint', { generated: true, comment: 'twice' })])]),
    ]);
  });

  it('a generated column that stays comes back with its key, index, check and the foreign keys to it (direct retype)', async () => {
    // The index on a makes both retypes direct: bigint in expand, smallint (lossy) in contract.
    const t = (type: TypeKey) => tbl('t', [col('a', type), col('g', 'bigint', { generated: true, notNull: true })], {
      primaryKey: [1], checks: [1], indexes: [{ columns: [0], unique: false, partial: false, desc: false }, { columns: [1, 0], unique: true, partial: true, desc: true }],
    });
    const child = tbl('child', [col('x', 'text')], { references: [{ table: 0, onDelete: 'cascade' }] });
    await roundTrip(engines, [
      schema(enums(['happy']), [t('integer'), child]),
      schema(enums(['happy']), [t('bigint'), child]),
    ]);
    await roundTrip(engines, [
      schema(enums(['happy']), [t('integer'), child]),
      schema(enums(['happy']), [t('smallint'), child]),
    ]);
  });

  it('a generated column dropped in contract lets go of a column retyped in expand first (DROP EXPRESSION)', async () => {
    const t = (type: TypeKey, more: ColumnSpec[]) => tbl('t', [col('a', type), ...more], { indexes: [{ columns: [0], unique: false, partial: false, desc: false }] });
    await roundTrip(engines, [
      schema(enums(['happy']), [t('integer', [col('g', 'integer', { generated: true })])]),
      schema(enums(['happy']), [t('bigint', [])]),
    ]);
  });

  it('a new generated column declared before the new column it reads is added after it (src/diff/columns.ts addedColumnOrder)', async () => {
    await roundTrip(engines, [
      schema(enums(['happy']), [tbl('t', [col('name', 'text')])]),
      schema(enums(['happy']), [tbl('t', [col('name', 'text'), col('id', 'smallint', { generated: true, notNull: true }), col('a"b', 'smallint')])]),
    ]);
  });

  it('a declared view over another declared view is created after it, whatever their names (src/dsl/compile/views.ts)', async () => {
    const v: ViewSpec = { schema: 'public', name: 'v', over: { kind: 'table', index: 0 }, columns: [0, 1], filter: false };
    const order: ViewSpec = { schema: 'public', name: 'order', over: { kind: 'view', index: 0 }, columns: [1], filter: true };
    await roundTrip(engines, [
      schema(enums(['happy']), [tbl('t', [col('a', 'integer'), col('b', 'text')])], [v, order]),
      schema(enums(['happy']), [tbl('t', [col('a', 'bigint'), col('b', 'text')])], [v, order]),
    ]);
  });
});
