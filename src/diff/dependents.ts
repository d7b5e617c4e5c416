import { columnId, objectId } from '../model/ids.js';
import { DEPENDENT_KINDS, READ_BY_DEPENDENTS_KINDS, type DependentKind } from '../model/kinds.js';
import type { EnumType, Model, ObjectId, ObjectOf, Table } from '../model/types.js';
import { defaultMultirangeName } from '../model/naming.js';
import { rangeNeedsRebuild } from './range-types.js';
import type { Change } from './change.js';
import { counterpartIn } from './routines.js';
import { attributesGone, compositeValuesChange } from './composite-types.js';
import { aggregateCounterpartIn } from './aggregates.js';
import { refersTo } from './type-names.js';
import { mentionsIdentifier } from '../util/sql-lexer.js';

/**
 * Dependency closure for objects defined by SQL text. PostgreSQL refuses to drop or retype what a
 * view, function or trigger reads, so one that reads anything the migration drops, retypes or
 * rebuilds is dropped first and created again afterwards, even when its own definition did not
 * change; so is everything that reads it. Catalog dependencies (pg_depend) are in `dependsOn`.
 */

type TypeName = { readonly schema: string; readonly name: string };

/** True when the new value list keeps every old value in order (ALTER TYPE … ADD VALUE suffices). */
function enumOnlyGrows(from: EnumType, to: EnumType): boolean {
  const kept = to.values.filter((v) => from.values.includes(v));
  return kept.length === from.values.length && kept.every((v, i) => v === from.values[i]);
}

/** Column ids (current side) whose type is an enum, domain, composite type, range or multirange that is dropped or rebuilt. */
function typedColumns(from: Model, types: readonly TypeName[]): ObjectId[] {
  const out: ObjectId[] = [];
  for (const table of from.table.values()) {
    for (const column of table.columns) {
      if (types.some((e) => refersTo(column.type, e.schema, e.name) !== null)) {
        out.push(columnId(table.schema, table.name, column.name));
      }
    }
  }
  return out;
}

/**
 * Stored generated columns of the table that read the column: a retype drops and adds them again
 * (plan/generated.ts), so what reads them goes first too. Read through the lexer, not a pattern.
 */
function generatedReaders(from: Model, schema: string, table: string, column: string): ObjectId[] {
  const t = from.table.get(`table:${schema}.${table}`);
  if (t === undefined) return [];
  return t.columns
    .filter((g) => g.generated !== null && mentionsIdentifier(g.generated, column))
    .map((g) => columnId(schema, table, g.name));
}

/** Drops of kinds that dependents read by id (the registry's `readByDependents`). */
const READ_DROPS: ReadonlySet<string> = new Set(READ_BY_DEPENDENTS_KINDS.map((k) => `${k}.drop`));

/** Ids that stop existing in their current form: whatever reads them must go first. */
export function goneIds(changes: readonly Change[], from: Model): Set<ObjectId> {
  const gone = new Set<ObjectId>();
  const rebuiltTypes: TypeName[] = [];
  for (const c of changes) {
    if (READ_DROPS.has(c.kind)) gone.add(c.id);
    // Beyond the object itself: columns, and the columns whose type goes or is rebuilt.
    switch (c.kind) {
      case 'table.drop':
      case 'table.recreate':
        gone.add(c.id);
        for (const col of c.from.columns) gone.add(columnId(c.from.schema, c.from.name, col.name));
        break;
      case 'column.drop':
        gone.add(c.id);
        break;
      case 'column.alter':
        if (c.fields.some((f) => f === 'type' || f === 'collation' || f === 'generated')) {
          gone.add(columnId(c.table.schema, c.table.name, c.from.name));
        }
        if (c.fields.some((f) => f === 'type' || f === 'collation')) {
          for (const g of generatedReaders(from, c.table.schema, c.table.name, c.from.name)) gone.add(g);
        }
        break;
      case 'enum.drop':
        rebuiltTypes.push(c.from);
        break;
      case 'enum.alter':
        if (!enumOnlyGrows(c.from, c.to)) rebuiltTypes.push(c.from);
        break;
      case 'domain.alter':
        if (c.fields.some((f) => f === 'baseType' || f === 'collation')) rebuiltTypes.push(c.from);
        break;
      case 'composite-type.alter': {
        // what reads an attribute (a view's `(home).zip`) depends on it as on a column of the type
        const { from: a, to: b } = c;
        for (const name of attributesGone(a, b)) gone.add(columnId(a.schema, a.name, name));
        if (compositeValuesChange(a, b)) rebuiltTypes.push(a);
        break;
      }
      case 'range-type.alter':
        // A rebuilt range goes with its multirange: what reads either, or a column of either, goes first.
        if (!rangeNeedsRebuild(c.fields)) break;
        gone.add(c.id);
        rebuiltTypes.push(c.from, { schema: c.from.schema, name: c.from.multirangeName ?? defaultMultirangeName(c.from.name) });
        break;
      default:
        break;
    }
  }
  for (const id of typedColumns(from, rebuiltTypes)) gone.add(id);
  return gone;
}

/** How many of a new table's ancestors (partition parent, INHERITS parents) are new too. */
function depthAmong(t: Table, created: ReadonlyMap<ObjectId, Table>, seen: Set<ObjectId> = new Set()): number {
  const parents = [...(t.partitionOf ? [t.partitionOf] : []), ...(t.inherits ?? [])];
  let depth = 0;
  for (const p of parents) {
    const id = `table:${p.schema}.${p.table}`;
    const parent = created.get(id);
    if (!parent || seen.has(id)) continue;
    seen.add(id);
    depth = Math.max(depth, 1 + depthAmong(parent, created, seen));
  }
  return depth;
}

type TableMade = Extract<Change, { kind: 'table.create' | 'table.recreate' }>;
const isTableMade = (c: Change): c is TableMade => c.kind === 'table.create' || c.kind === 'table.recreate';

/** New (and recreated) tables reordered among themselves so that partitions and child tables follow their parents. */
function parentsFirst(changes: readonly Change[]): Change[] {
  const creates = changes.filter(isTableMade);
  const created = new Map(creates.map((c) => [c.id, c.to] as const));
  const ordered = creates
    .map((c, i) => ({ c, i, depth: depthAmong(c.to, created) }))
    .sort((a, b) => a.depth - b.depth || a.i - b.i)
    .map((x) => x.c);
  let next = 0;
  return changes.map((c) => (isTableMade(c) ? ordered[next++]! : c));
}

/** Objects whose definition is SQL text that reads other objects: re-created around what they read (the registry's `dependent`). */
type Dependent = ObjectOf<DependentKind>;

function dropOf(obj: Dependent, to: Model): Change {
  const id = objectId(obj);
  switch (obj.kind) {
    case 'view':
      return { kind: 'view.drop', id, from: obj };
    case 'function':
      return { kind: 'function.drop', id, from: obj, replacedBy: counterpartIn(to, obj) };
    case 'trigger':
      return { kind: 'trigger.drop', id, from: obj };
    case 'policy':
      return { kind: 'policy.drop', id, from: obj };
    case 'privilege':
      return { kind: 'privilege.drop', id, from: obj };
    case 'event-trigger':
      return { kind: 'event-trigger.drop', id, from: obj };
    case 'statistics':
      return { kind: 'statistics.drop', id, from: obj };
    case 'rule':
      return { kind: 'rule.drop', id, from: obj };
    case 'aggregate':
      return { kind: 'aggregate.drop', id, from: obj, replacedBy: aggregateCounterpartIn(to, obj) };
    case 'publication':
      return { kind: 'publication.drop', id, from: obj };
    default: {
      const never: never = obj;
      throw new Error(`dropOf: unknown object ${JSON.stringify(never)}`);
    }
  }
}

function createOf(obj: Dependent, from: Model): Change {
  const id = objectId(obj);
  switch (obj.kind) {
    case 'view':
      return { kind: 'view.create', id, to: obj };
    case 'function':
      return { kind: 'function.create', id, to: obj, replaces: counterpartIn(from, obj) };
    case 'trigger':
      return { kind: 'trigger.create', id, to: obj };
    case 'policy':
      return { kind: 'policy.create', id, to: obj };
    case 'privilege':
      return { kind: 'privilege.create', id, to: obj };
    case 'event-trigger':
      return { kind: 'event-trigger.create', id, to: obj };
    case 'statistics':
      return { kind: 'statistics.create', id, to: obj };
    case 'rule':
      return { kind: 'rule.create', id, to: obj };
    case 'aggregate':
      return { kind: 'aggregate.create', id, to: obj };
    case 'publication':
      return { kind: 'publication.create', id, to: obj };
    default: {
      const never: never = obj;
      throw new Error(`createOf: unknown object ${JSON.stringify(never)}`);
    }
  }
}

/** Objects in an order where each comes after everything it reads among them (`reverse` for drops). */
export function dependencyOrder<T extends Dependent>(objects: readonly T[], reverse = false): T[] {
  const byId = new Map(objects.map((o) => [objectId(o), o] as const));
  const done = new Set<ObjectId>();
  const out: T[] = [];
  const visit = (o: T, path: Set<ObjectId>): void => {
    const id = objectId(o);
    if (done.has(id) || path.has(id)) return;
    path.add(id);
    for (const dep of o.dependsOn) {
      const next = byId.get(dep);
      if (next) visit(next, path);
    }
    done.add(id);
    out.push(o);
  };
  for (const o of [...objects].sort((a, b) => (objectId(a) < objectId(b) ? -1 : 1))) visit(o, new Set());
  return reverse ? out.reverse() : out;
}

function* currentDependents(from: Model): Generator<[ObjectId, Dependent]> {
  for (const kind of DEPENDENT_KINDS) yield* from[kind] as ReadonlyMap<ObjectId, Dependent>;
}

const isDependentChange = (c: Change): boolean => DEPENDENT_KINDS.some((k) => c.kind.startsWith(`${k}.`));

/**
 * Adds drop + create pairs for unchanged views, functions, triggers and policies that read something gone,
 * drops index changes on views that are dropped (the index goes with its view) and re-creates the
 * indexes of re-created materialized views. These changes come last, drops dependents-first and
 * creates dependencies-first, then the indexes of materialized views.
 */
export function withDependents(changes: readonly Change[], from: Model, to: Model): Change[] {
  const gone = goneIds(changes, from);
  const dropped = new Map<ObjectId, Dependent>();
  const created = new Map<ObjectId, Dependent>();
  for (const c of changes) {
    if (isDependentChange(c) && c.kind.endsWith('.drop')) dropped.set(c.id, (c as Extract<Change, { from: Dependent }>).from);
    if (isDependentChange(c) && c.kind.endsWith('.create')) created.set(c.id, (c as Extract<Change, { to: Dependent }>).to);
  }
  let grew = true;
  while (grew) {
    grew = false;
    for (const [id, obj] of currentDependents(from)) {
      if (dropped.has(id) || !obj.dependsOn.some((d) => gone.has(d))) continue;
      dropped.set(id, obj);
      gone.add(id);
      const desired = (to[obj.kind] as ReadonlyMap<ObjectId, Dependent>).get(id);
      if (desired) created.set(id, desired);
      grew = true;
    }
  }
  const recreated = new Set([...dropped.keys()].filter((id) => created.has(id)));
  const onDroppedView = (schema: string, table: string): boolean => dropped.has(`view:${schema}.${table}`);
  const onView = (c: Change): boolean => c.kind === 'index.create' && to.view.has(`view:${c.to.schema}.${c.to.table}`);
  const kept = changes.filter((c) => {
    if (isDependentChange(c)) return c.kind.endsWith('.alter') && !recreated.has(c.id);
    if (onView(c)) return false;
    if (c.kind === 'index.drop' || c.kind === 'index.alter' || c.kind === 'index.rename') {
      return !onDroppedView(c.from.schema, c.from.table);
    }
    return true;
  });
  const indexCreates = new Set(changes.filter((c) => c.kind === 'index.create').map((c) => c.id));
  const extraIndexes: Change[] = changes.filter(onView);
  for (const [id, index] of to.index) {
    if (indexCreates.has(id) || !recreated.has(`view:${index.schema}.${index.table}`)) continue;
    extraIndexes.push({ kind: 'index.create', id, to: index });
  }
  const drops = dependencyOrder([...dropped.values()], true).map((o) => dropOf(o, to));
  const creates = dependencyOrder([...created.values()]).map((o) => createOf(o, from));
  // Indexes of materialized views after the views: the view strategy decides the phase first.
  return [...parentsFirst(kept), ...drops, ...creates, ...extraIndexes];
}
