import { columnId } from '../model/ids.js';
import { effectiveNotNullName } from '../model/not-null.js';
import type { Column, Identity, Table } from '../model/types.js';
import type { Change, ComparedField } from './change.js';
import { compareFields, samePartial, sameValue, type FieldEquals, type FieldRules } from './guard.js';
import { diffKeyed, keyBy } from './list.js';
import type { RenameContext } from './renames.js';

export const COLUMN_RULES: FieldRules<Column> = {
  type: 'alter',
  notNull: 'alter',
  // Compared as the name the server has (see comparePair): RENAME CONSTRAINT, in place.
  notNullName: 'alter',
  default: 'alter',
  identity: 'alter',
  // DROP EXPRESSION turns a generated column into a plain one in place; giving a column an expression
  // (or a different one, before PostgreSQL 17) needs the column to be added again.
  generated: (_from, to) => (to.generated === null ? 'alter' : 'recreate'),
  collation: 'alter',
  comment: 'alter',
};

function sameIdentity(from: Identity | null, to: Identity | null): boolean {
  if (from === null || to === null) return from === to;
  return from.generation === to.generation && samePartial(from.options, to.options);
}

export const COLUMN_EQUALS: FieldEquals<Column> = {
  identity: sameIdentity,
  // Kind plus text or value: a literal 'x' and the server's `'x'::text` differ on purpose, because the
  // desired model is normalized before diffing and a mismatch means it was not.
  default: (from, to) => sameValue(from, to),
};

export function compareColumns(what: string, from: Column, to: Column) {
  return compareFields(what, from, to, COLUMN_RULES, COLUMN_EQUALS);
}

/**
 * NOT NULL names are compared as the name the server has: the name a table or column rename leaves
 * behind (`old_c_not_null` on table `new`) differs from the default of the new name, and names only
 * count while the column stays NOT NULL. That answer is decided per pair and handed to compareFields
 * as the field's equality, rather than by copying both columns with the name spelled out: every
 * column pair of every table goes through here, and the copies dominated diff on large schemas.
 */
const NAMES_SAME: FieldEquals<Column> = { ...COLUMN_EQUALS, notNullName: () => true };
const NAMES_DIFFER: FieldEquals<Column> = { ...COLUMN_EQUALS, notNullName: () => false };

function comparePair(what: string, from: Column, fromTable: string, to: Column, toTable: string, names: boolean) {
  const named = names && from.notNull && to.notNull;
  const same = !named || effectiveNotNullName(fromTable, from) === effectiveNotNullName(toTable, to);
  return compareFields(what, from, to, COLUMN_RULES, same ? NAMES_SAME : NAMES_DIFFER);
}

/**
 * A partition's columns follow its parent's, but each partition names its own NOT NULL constraints
 * (PARTITION OF takes the parent's names, ATTACH keeps the table's): only those names are compared.
 */
export function diffPartitionNotNullNames(current: Table, desired: Table, names: boolean): Change[] {
  const changes: Change[] = [];
  if (!names) return changes;
  for (const to of desired.columns) {
    const from = current.columns.find((c) => c.name === to.name);
    if (from === undefined || !from.notNull || !to.notNull) continue;
    if (effectiveNotNullName(current.name, from) === effectiveNotNullName(desired.name, to)) continue;
    changes.push({ kind: 'column.alter', id: columnId(desired.schema, desired.name, to.name), table: desired, from, to, fields: ['notNullName'] });
  }
  return changes;
}

function hintedColumnRenames(from: Map<string, Column>, to: Map<string, Column>): Map<string, Column> {
  const pairs = new Map<string, Column>();
  for (const [name, col] of to) {
    const old = col.renamedFrom;
    if (old === undefined || from.has(name) || !from.has(old) || to.has(old) || pairs.has(old)) continue;
    pairs.set(old, col);
  }
  return pairs;
}

/**
 * Column changes of one table that exists on both sides. `current` is the table as it is (perhaps under
 * its old name), `desired` as it should be. Records column renames into the context. `names`: both
 * sides come from servers that name NOT NULL constraints, so the names are compared.
 */
export function diffColumns(current: Table, desired: Table, renames: RenameContext, names: boolean): Change[] {
  const from = keyBy(current.columns, (c) => c.name, `column of ${current.schema}.${current.name}`);
  const to = keyBy(desired.columns, (c) => c.name, `column of ${desired.schema}.${desired.name}`);
  const renamePairs = hintedColumnRenames(from, to);
  const id = (name: string): string => columnId(desired.schema, desired.name, name);
  const changes: Change[] = [];
  const drops: Change[] = [];
  const adds: Extract<Change, { kind: 'column.add' }>[] = [];
  const pairs: [Column, Column][] = [];
  for (const [old, col] of renamePairs) {
    renames.addColumn(desired.schema, desired.name, old, col.name);
    changes.push({ kind: 'column.rename', id: id(col.name), table: desired, from: from.get(old)!, to: col });
    pairs.push([from.get(old)!, col]);
  }
  const renamedNew = new Set([...renamePairs.values()].map((c) => c.name));
  const keyed = diffKeyed(
    new Map([...from].filter(([n]) => !renamePairs.has(n))),
    new Map([...to].filter(([n]) => !renamedNew.has(n))),
  );
  pairs.push(...keyed.common.map(([, a, b]) => [a, b] as [Column, Column]));
  for (const [a, b] of pairs) {
    // Names only count while the column stays NOT NULL; a new constraint is named where it is made.
    const cmp = comparePair(`column ${id(b.name)}`, renames.projectColumn(a, current.schema, current.name), current.name, b, desired.name, names);
    if (cmp.recreate) {
      drops.push({ kind: 'column.drop', id: id(a.name), table: current, from: a });
      adds.push({ kind: 'column.add', id: id(b.name), table: desired, to: b });
    } else if (cmp.changed.length > 0) {
      const fields = cmp.changed as readonly ComparedField<Column>[];
      changes.push({ kind: 'column.alter', id: id(b.name), table: desired, from: a, to: b, fields });
    }
  }
  for (const [name, col] of keyed.removed) drops.push({ kind: 'column.drop', id: id(name), table: current, from: col });
  for (const [name, col] of keyed.added) adds.push({ kind: 'column.add', id: id(name), table: desired, to: col });
  // Added in the order of addedColumnOrder, which is where PostgreSQL puts them: at the end, one after another.
  const position = new Map(addedColumnOrder(desired.columns).map((c, i) => [c.name, i]));
  adds.sort((a, b) => position.get(a.to.name)! - position.get(b.to.name)!);
  return [...changes, ...drops, ...adds];
}

/**
 * The order in which new columns are added: the declared order, except that stored generated columns
 * come after the plain ones. ALTER TABLE … ADD COLUMN … GENERATED needs the columns it reads to exist
 * already, and a generated column can only read plain columns (PostgreSQL refuses one over another).
 */
export function addedColumnOrder<C extends Pick<Column, 'generated'>>(columns: readonly C[]): C[] {
  return [...columns.filter((c) => c.generated === null), ...columns.filter((c) => c.generated !== null)];
}
