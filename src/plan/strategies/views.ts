import type { AlterChange, CreateChange, DropChange } from '../../diff/change.js';
import { refersTo } from '../../diff/type-names.js';
import { columnId, objectId } from '../../model/ids.js';
import type { Domain, EnumType, View } from '../../model/types.js';
import { hazard, place, type Placed } from '../build.js';
import type { PlanContext } from '../context.js';
import { op, qname, type CommentTarget } from '../ops.js';
import { commentStep } from './comments.js';
import { domainNeedsRebuild } from './domain-rebuild.js';
import { commentQualified } from '../../sql/ident.js';

const nameOf = (v: View) => qname(v.schema, v.name);
const commentTarget = (v: View): CommentTarget => ({ on: v.materialized ? 'materialized-view' : 'view', object: nameOf(v) });

/** Enums whose values are removed or reordered: their columns are retyped in the contract phase. */
function rebuiltEnums(ctx: PlanContext): EnumType[] {
  const out: EnumType[] = [];
  for (const [id, to] of ctx.to.enum) {
    const from = ctx.from.enum.get(id);
    if (!from) continue;
    const kept = to.values.filter((v) => from.values.includes(v));
    if (kept.length !== from.values.length || kept.some((v, i) => v !== from.values[i])) out.push(to);
  }
  return out;
}

/** Domains whose base type or collation changes: their columns are retyped in the contract phase. */
function rebuiltDomains(ctx: PlanContext): Domain[] {
  return [...ctx.to.domain].filter(([id, to]) => {
    const from = ctx.from.domain.get(id);
    return from !== undefined && domainNeedsRebuild(from, to);
  }).map(([, to]) => to);
}

/** Column ids (desired side) whose type is an enum or domain that the contract phase rebuilds. */
function enumColumns(ctx: PlanContext): Set<string> {
  const enums: (EnumType | Domain)[] = [...rebuiltEnums(ctx), ...rebuiltDomains(ctx)];
  const out = new Set<string>();
  for (const t of ctx.to.table.values()) {
    for (const col of t.columns) {
      if (enums.some((e) => refersTo(col.type, e.schema, e.name) !== null)) out.add(columnId(t.schema, t.name, col.name));
    }
  }
  return out;
}

interface ReworkFacts {
  /** Column ids (desired side) retyped, or given another collation or generation expression. */
  readonly retyped: ReadonlySet<string>;
  /** Column and table ids of tables in both models → that table, for the deferral question. */
  readonly owner: ReadonlyMap<string, { readonly schema: string; readonly name: string }>;
  /** Column ids of enums and domains the contract phase rebuilds. */
  readonly enumCols: ReadonlySet<string>;
}

// What viewSlot needs from the two models is computed once per plan: every created view asks, and
// computing it per view walked every column of every table each time (quadratic in large plans).
const facts = new WeakMap<PlanContext, ReworkFacts>();

function reworkFacts(ctx: PlanContext): ReworkFacts {
  const known = facts.get(ctx);
  if (known) return known;
  const retyped = new Set<string>();
  const owner = new Map<string, { readonly schema: string; readonly name: string }>();
  for (const [id, toTable] of ctx.to.table) {
    const fromTable = ctx.from.table.get(id);
    if (!fromTable) continue;
    const table = { schema: toTable.schema, name: toTable.name };
    owner.set(id, table);
    const before = new Map(fromTable.columns.map((c) => [c.name, c]));
    for (const col of toTable.columns) {
      const cid = columnId(toTable.schema, toTable.name, col.name);
      owner.set(cid, table);
      const old = before.get(col.name);
      if (old !== undefined && (old.type !== col.type || old.collation !== col.collation || old.generated !== col.generated)) retyped.add(cid);
    }
  }
  const made: ReworkFacts = { retyped, owner, enumCols: enumColumns(ctx) };
  facts.set(ctx, made);
  return made;
}

/**
 * Whether the plan reworks a column's values (retyped in place or by a swap, another collation or
 * generation expression), or the whole table's columns in the contract phase. A view that reads one
 * is created again only once the contract phase is done with it, whichever strategy was picked.
 * Deferral is asked of the context each time: strategies may still mark tables while planning.
 */
function reworked(dep: string, f: ReworkFacts, ctx: PlanContext): boolean {
  if (f.retyped.has(dep)) return true;
  const table = f.owner.get(dep);
  return table !== undefined && ctx.tableDeferred(table.schema, table.name);
}

type ViewSlot = 'create-views' | 'create-views-late' | 'create-views-final';
const SLOT_ORDER: readonly ViewSlot[] = ['create-views', 'create-views-late', 'create-views-final'];
const later = (a: ViewSlot, b: ViewSlot): ViewSlot => (SLOT_ORDER.indexOf(a) >= SLOT_ORDER.indexOf(b) ? a : b);

/**
 * Where a view is created: in expand, unless it reads (directly or through other views) a column
 * that the contract phase reworks (then after that work), or a column of an enum rebuilt at the end
 * of the contract phase, or it takes the name of a table dropped in contract (then at the very end).
 */
export function viewSlot(view: View, ctx: PlanContext): ViewSlot {
  const f = reworkFacts(ctx);
  const memo = new Map<string, ViewSlot>();
  const slotOf = (v: View): ViewSlot => {
    const id = objectId(v);
    const known = memo.get(id);
    if (known) return known;
    memo.set(id, 'create-views');
    let slot: ViewSlot = ctx.from.table.has(`table:${v.schema}.${v.name}`) && ctx.tableDropped(v.schema, v.name)
      ? 'create-views-final'
      : 'create-views';
    for (const dep of v.dependsOn) {
      const inner = ctx.to.view.get(dep);
      if (inner) slot = later(slot, slotOf(inner));
      else if (f.enumCols.has(dep)) slot = 'create-views-final';
      else if (reworked(dep, f, ctx)) slot = later(slot, 'create-views-late');
    }
    memo.set(id, slot);
    return slot;
  };
  return slotOf(view);
}

export function createView(change: CreateChange<'view'>, ctx: PlanContext): Placed[] {
  const v = change.to;
  const slot = viewSlot(v, ctx);
  // The indexes of a late materialized view wait for it (the index strategy reads this).
  if (slot !== 'create-views') ctx.markDeferred(v.schema, v.name);
  return [
    place(slot, change, op('create-view', { view: v }), {
      reverse: op('drop-view', { view: nameOf(v), materialized: v.materialized }),
      rewrites: v.materialized ? 'scan' : 'none',
    }),
    ...commentStep(change, commentTarget(v), null, v.comment, slot),
  ];
}

/** Re-created views (same id on the desired side) come back later in the plan; others are gone for good. */
export function dropView(change: DropChange<'view'>, ctx: PlanContext): Placed[] {
  const v = change.from;
  const gone = !ctx.to.view.has(change.id);
  return [place('drop-views', change, op('drop-view', { view: nameOf(v), materialized: v.materialized }), {
    hazards: gone ? [hazard('breaking', 'medium', `queries that read ${commentQualified(v.schema, v.name)} fail once it is dropped`)] : [],
    reverse: op('create-view', { view: v }),
  })];
}

function optionName(option: string): string {
  const eq = option.indexOf('=');
  return eq < 0 ? option : option.slice(0, eq);
}

export function alterView(change: AlterChange<'view'>): Placed[] {
  const { from, to } = change;
  const out: Placed[] = [];
  if (change.fields.includes('with')) {
    const set = to.with.filter((o) => !from.with.includes(o));
    const setNames = new Set(set.map(optionName));
    const reset = from.with.map(optionName).filter((n) => !setNames.has(n) && !to.with.some((o) => optionName(o) === n));
    const undoSet = from.with.filter((o) => !to.with.includes(o));
    const undoReset = to.with.map(optionName).filter((n) => !from.with.some((o) => optionName(o) === n));
    out.push(place('create-views', change, op('set-view-options', { view: nameOf(to), set, reset }), {
      reverse: op('set-view-options', { view: nameOf(to), set: undoSet, reset: undoReset }),
    }));
  }
  return [...out, ...commentStep(change, commentTarget(to), from.comment, to.comment)];
}
