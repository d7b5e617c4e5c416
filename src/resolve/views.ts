import type { Change } from '../diff/change.js';
import { refersTo } from '../diff/type-names.js';
import { columnId, objectId, relationId } from '../model/ids.js';
import type { CompositeType, Domain, EnumType, Model, View } from '../model/types.js';
import { compositeValuesChange } from '../diff/composite-types.js';
import { tableKey, type ChangeFacts } from './facts.js';

/** True when the domain cannot be altered into its new form and must be rebuilt. */
export function domainNeedsRebuild(from: Domain, to: Domain): boolean {
  return from.baseType !== to.baseType || from.collation !== to.collation;
}

/** Enums whose values are removed or reordered: their columns are retyped in the contract phase. */
function rebuiltEnums(from: Model, to: Model): EnumType[] {
  const out: EnumType[] = [];
  for (const [id, next] of to.enum) {
    const was = from.enum.get(id);
    if (!was) continue;
    const kept = next.values.filter((v) => was.values.includes(v));
    if (kept.length !== was.values.length || kept.some((v, i) => v !== was.values[i])) out.push(next);
  }
  return out;
}

/** Domains whose base type or collation changes: their columns are retyped in the contract phase. */
function rebuiltDomains(from: Model, to: Model): Domain[] {
  return [...to.domain].filter(([id, next]) => {
    const was = from.domain.get(id);
    return was !== undefined && domainNeedsRebuild(was, next);
  }).map(([, next]) => next);
}

/** Composite types whose attributes change type or order: their columns are retyped in the contract phase. */
function rebuiltComposites(from: Model, to: Model): CompositeType[] {
  return [...to['composite-type']].filter(([id, next]) => {
    const was = from['composite-type'].get(id);
    return was !== undefined && compositeValuesChange(was, next);
  }).map(([, next]) => next);
}

/** Column ids (desired side) whose type is an enum, domain or composite type that the contract phase rebuilds. */
export function enumColumns(from: Model, to: Model): Set<string> {
  const types: (EnumType | Domain | CompositeType)[] = [...rebuiltEnums(from, to), ...rebuiltDomains(from, to), ...rebuiltComposites(from, to)];
  const out = new Set<string>();
  for (const t of to.table.values()) {
    for (const col of t.columns) {
      if (types.some((e) => refersTo(col.type, e.schema, e.name) !== null)) out.add(columnId(t.schema, t.name, col.name));
    }
  }
  return out;
}

/** Where a view is created: in expand, after the contract phase's column work, or at the very end. */
export type ViewSlot = 'create-views' | 'create-views-late' | 'create-views-final';
const SLOT_ORDER: readonly ViewSlot[] = ['create-views', 'create-views-late', 'create-views-final'];
const later = (a: ViewSlot, b: ViewSlot): ViewSlot => (SLOT_ORDER.indexOf(a) >= SLOT_ORDER.indexOf(b) ? a : b);

/**
 * Whether the plan reworks a column's values (retyped in place or by a swap, another collation or
 * generation expression), or the whole table's columns in the contract phase, by the column or
 * table id a view depends on. A view that reads one is created again only once the contract phase
 * is done with it, whichever strategy was picked.
 */
export function reworkedIds(f: ChangeFacts, deferred: ReadonlySet<string>): Set<string> {
  const out = new Set<string>();
  for (const [id, toTable] of f.to.table) {
    const fromTable = f.from.table.get(id);
    if (!fromTable) continue;
    const late = deferred.has(tableKey(toTable.schema, toTable.name));
    if (late) out.add(id);
    const before = new Map(fromTable.columns.map((c) => [c.name, c]));
    for (const col of toTable.columns) {
      const cid = columnId(toTable.schema, toTable.name, col.name);
      const old = before.get(col.name);
      if (late || (old !== undefined && (old.type !== col.type || old.collation !== col.collation || old.generated !== col.generated))) out.add(cid);
    }
  }
  return out;
}

/**
 * Where each view of the desired model is created: in expand, unless it reads (directly or through
 * other views) a column that the contract phase reworks (then after that work), or a column of an
 * enum rebuilt at the end of the contract phase, or it takes the name of a table dropped in contract
 * (then at the very end). `deferred` holds the tables whose column work runs in contract.
 */
export function viewSlots(f: ChangeFacts, deferred: ReadonlySet<string>): ReadonlyMap<string, ViewSlot> {
  if (f.to.view.size === 0) return new Map();
  const reworked = reworkedIds(f, deferred);
  const enumCols = enumColumns(f.from, f.to);
  const slots = new Map<string, ViewSlot>();
  const slotOf = (v: View): ViewSlot => {
    const id = objectId(v);
    const known = slots.get(id);
    if (known) return known;
    // provisional, so that a cycle of views ends
    slots.set(id, 'create-views');
    let slot: ViewSlot = f.from.table.has(relationId('table', v.schema, v.name)) && f.droppedTables.has(tableKey(v.schema, v.name))
      ? 'create-views-final'
      : 'create-views';
    for (const dep of v.dependsOn) {
      const inner = f.to.view.get(dep);
      if (inner) slot = later(slot, slotOf(inner));
      else if (enumCols.has(dep)) slot = 'create-views-final';
      else if (reworked.has(dep)) slot = later(slot, 'create-views-late');
    }
    slots.set(id, slot);
    return slot;
  };
  for (const v of f.to.view.values()) slotOf(v);
  return slots;
}

/** Views the plan creates after expand: their indexes (of a materialized view) wait for them. */
export function lateViews(changes: readonly Change[], slots: ReadonlyMap<string, ViewSlot>): Set<string> {
  const out = new Set<string>();
  for (const c of changes) {
    if (c.kind === 'view.create' && slots.get(c.id) !== 'create-views') out.add(tableKey(c.to.schema, c.to.name));
  }
  return out;
}
