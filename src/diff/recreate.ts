import { objectId } from '../model/ids.js';
import { TABLE_BOUND_KINDS, type TableBoundKind } from '../model/kinds.js';
import type { Model, ObjectId, ObjectOf, Table } from '../model/types.js';
import type { Change, TableRecreate } from './change.js';

/**
 * Tables that are dropped and created again (table.recreate). PostgreSQL cannot change a table's
 * partitioning in place, so the old table goes, and with it everything stored on it; this module
 * makes the diff say so: children come along, objects on the table are created again, and foreign
 * keys of other tables let go of it first and come back afterwards.
 */

const key = (schema: string, table: string): string => `${schema}\u0000${table}`;

function parentsOf(t: Table): { schema: string; table: string }[] {
  return [...(t.partitionOf ? [t.partitionOf] : []), ...(t.inherits ?? [])];
}

/**
 * Partitions and INHERITS children of a recreated table that stay in the schema are recreated too:
 * dropping a partitioned table drops its partitions, and an inheritance parent cannot be dropped while
 * children remain. Their own alters are subsumed (the new table is created in the desired shape).
 */
export function withRecreatedChildren(changes: readonly Change[], from: Model, to: Model): Change[] {
  const recreated = new Map<ObjectId, TableRecreate>();
  for (const c of changes) if (c.kind === 'table.recreate') recreated.set(c.id, c);
  if (recreated.size === 0) return [...changes];
  const byKey = (schema: string, table: string): boolean =>
    [...recreated.values()].some((r) => key(r.from.schema, r.from.name) === key(schema, table));
  let grew = true;
  while (grew) {
    grew = false;
    for (const [id, current] of [...from.table].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      const desired = to.table.get(id);
      if (desired === undefined || recreated.has(id)) continue;
      const parent = parentsOf(current).find((p) => byKey(p.schema, p.table));
      if (parent === undefined) continue;
      recreated.set(id, { kind: 'table.recreate', id, from: current, to: desired, reason: { kind: 'parent', parent } });
      grew = true;
    }
  }
  const added = [...recreated.values()].filter((r) => r.reason.kind === 'parent');
  const kept = changes.filter((c) => !(c.kind === 'table.alter' && recreated.has(c.id)));
  return [...kept, ...added];
}

/** A drop, alter or rename of an object stored on its table (the registry's `goesWithTable`). */
type OnTableChange = Extract<Change, { readonly from: ObjectOf<TableBoundKind> }>;

const tableBound: ReadonlySet<string> = new Set(TABLE_BOUND_KINDS);

function isOnTableChange(c: Change): c is OnTableChange {
  return 'from' in c && tableBound.has(c.kind.slice(0, c.kind.indexOf('.')));
}

/** The table a change of an object stored on its table is on (current side), or null for other changes. */
function tableOfChange(c: Change): { schema: string; table: string } | null {
  return isOnTableChange(c) ? { schema: c.from.schema, table: c.from.table } : null;
}

/** The change that creates an object stored on a table on the new table. */
function createOnTable(o: ObjectOf<TableBoundKind>): Change {
  switch (o.kind) {
    case 'constraint':
      return { kind: 'constraint.create', id: objectId(o), to: o };
    case 'index':
      return { kind: 'index.create', id: objectId(o), to: o };
    default: {
      const never: never = o;
      throw new Error(`createOnTable: unknown object ${JSON.stringify(never)}`);
    }
  }
}

/**
 * Adjusts changes of objects stored on tables (constraints, indexes) around recreated tables: what
 * was on the old table goes with it (no separate drop, alter or rename), everything the new table
 * must have is created, and every foreign key of another table that references a recreated one is
 * dropped first and added again.
 */
export function withRecreatedTables(changes: readonly Change[], from: Model, to: Model): Change[] {
  const recreated = new Set<string>();
  for (const c of changes) if (c.kind === 'table.recreate') recreated.add(key(c.from.schema, c.from.name));
  if (recreated.size === 0) return [...changes];
  const on = (schema: string, table: string): boolean => recreated.has(key(schema, table));
  const kept = changes.filter((c) => {
    const t = tableOfChange(c);
    return t === null || !on(t.schema, t.table);
  });
  const present = new Set(kept.map((c) => `${c.kind}\u0000${c.id}`));
  const extra: Change[] = [];
  const push = (c: Change): void => {
    const k = `${c.kind}\u0000${c.id}`;
    if (present.has(k)) return;
    present.add(k);
    extra.push(c);
  };
  for (const fk of from.constraint.values()) {
    if (fk.type !== 'foreign-key' || !on(fk.references.schema, fk.references.table)) continue;
    if (key(fk.schema, fk.table) === key(fk.references.schema, fk.references.table)) continue;
    push({ kind: 'constraint.drop', id: objectId(fk), from: fk });
    const desired = to.constraint.get(objectId(fk));
    if (desired !== undefined) push({ kind: 'constraint.create', id: objectId(desired), to: desired });
  }
  for (const kind of TABLE_BOUND_KINDS) {
    for (const o of (to[kind] as ReadonlyMap<ObjectId, ObjectOf<TableBoundKind>>).values()) if (on(o.schema, o.table)) push(createOnTable(o));
  }
  return [...kept, ...extra];
}
