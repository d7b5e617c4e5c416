import type { ColumnAlter } from '../diff/change.js';
import { columnId } from '../model/ids.js';
import type { Column, Constraint, ForeignKeyConstraint, Table } from '../model/types.js';
import { mentionsIdentifier } from '../util/sql-lexer.js';
import { hazard, place, shareHazards, type Placed } from './build.js';
import type { PlanContext } from './context.js';
import { columnDef, op, qname, type QName } from './ops.js';
import type { Slot } from './slots.js';
import { constraintUses, indexUses, onlineRetype } from './strategies/column-swap.js';
import { commentStep } from './strategies/comments.js';
import { buildIndex } from './strategies/indexes.js';
import { classifyTypeChange } from '../resolve/type-change.js';
import { commentIdent, commentQualified } from '../sql/ident.js';

/**
 * A stored generated column depends on the columns its expression reads: PostgreSQL computes it
 * against their current types, and refuses to retype them while it exists. So a generated column
 * made by the plan comes after every retype of the columns it reads, and one that exists and stays
 * is dropped before such a retype and added again after it (computed, so nothing is lost).
 */
export interface GeneratedWork {
  /** Generated columns the plan adds (by desired id) that must wait for a retype: the slot they are added in. */
  readonly addSlots: ReadonlyMap<string, Slot>;
  /** Generated columns that stay but are dropped and added again, with the slot of the re-add (which carries their own changes). */
  readonly regenerated: ReadonlyMap<string, Slot>;
  /** Those drops and re-adds with what goes with them, and DROP EXPRESSION for old ones that go anyway. */
  readonly placed: readonly Placed[];
}

/** A retype and whether it runs in contract (a lossy change, or the online swap) rather than in expand's 'columns'. */
interface Retype {
  readonly change: ColumnAlter;
  readonly late: boolean;
}

const memo = new WeakMap<PlanContext, GeneratedWork>();

function retypeLate(change: ColumnAlter, ctx: PlanContext): boolean {
  const cls = classifyTypeChange(change.from.type, change.to.type);
  return cls === 'lossy' || (change.fields.includes('type') && onlineRetype(change, cls, ctx));
}

/** The retypes whose column (by its name on that side) the expression reads, through the lexer. */
function readBy(expression: string, retypes: readonly Retype[], side: 'from' | 'to'): Retype[] {
  return retypes.filter((r) => mentionsIdentifier(expression, r.change[side].name));
}

/**
 * Computed once per plan, before the strategies run: moving a generated column to the contract
 * phase defers its table, so that indexes, constraints and views over it wait too.
 */
export function generatedWork(ctx: PlanContext): GeneratedWork {
  const known = memo.get(ctx);
  if (known) return known;
  const byTable = new Map<string, { table: Table; retypes: Retype[] }>();
  for (const change of ctx.retypes) {
    const k = `${change.table.schema}\u0000${change.table.name}`;
    const entry = byTable.get(k) ?? { table: change.table, retypes: [] };
    entry.retypes.push({ change, late: retypeLate(change, ctx) });
    byTable.set(k, entry);
  }
  const addSlots = new Map<string, Slot>();
  const regenerated = new Map<string, Slot>();
  const placed: Placed[] = [];
  for (const { table, retypes } of byTable.values()) {
    const before = ctx.from.table.get(`table:${table.schema}.${ctx.fromName(table)}`);
    if (before === undefined) continue;
    for (const g of table.columns) {
      if (g.generated === null) continue;
      const reads = readBy(g.generated, retypes, 'to');
      if (reads.length === 0) continue;
      const late = reads.some((r) => r.late);
      const id = columnId(table.schema, table.name, g.name);
      // renamed in expand's 'renames', before any of this runs: dropped and added again under its new name
      const oldName = ctx.columnRename(id)?.from.name ?? g.name;
      const old = before.columns.find((c) => c.name === oldName);
      if (old !== undefined && old.generated === g.generated && !ctx.columnRecreated(id)) {
        regenerated.set(id, late ? 'readd-columns' : 'generated-columns');
        placed.push(...regenerate(table, g, reads, ctx));
      } else {
        addSlots.set(id, late ? 'readd-columns' : 'generated-columns');
      }
      if (late) ctx.markDeferred(table.schema, table.name);
    }
    placed.push(...releaseGoing(table, before, retypes, ctx));
  }
  const work: GeneratedWork = { addSlots, regenerated, placed };
  memo.set(ctx, work);
  return work;
}

/**
 * An old generated column that is dropped (or re-created) in contract still reads its columns when
 * expand retypes one: DROP EXPRESSION lets go of them first, and keeps its values for the old
 * application version until the drop.
 */
function releaseGoing(table: Table, before: Table, retypes: readonly Retype[], ctx: PlanContext): Placed[] {
  const t = qname(table.schema, table.name);
  const out: Placed[] = [];
  for (const old of before.columns) {
    if (old.generated === null) continue;
    const goes = !table.columns.some((c) => c.name === old.name) || ctx.columnRecreated(columnId(table.schema, table.name, old.name));
    if (!goes) continue;
    const early = readBy(old.generated, retypes, 'from').find((r) => !r.late);
    if (early === undefined) continue;
    out.push(place('drop-expressions', early.change, op('drop-expression', { table: t, column: old.name }), { reverse: null }));
  }
  return out;
}

interface Around {
  readonly table: Table;
  readonly t: QName;
  readonly column: string;
  readonly source: ColumnAlter;
  /** Added back (with what goes with it) in contract: one of the retypes it reads runs there. */
  readonly late: boolean;
}

/**
 * Drop the generated column before the first retype it reads, add it again after the last, with
 * the indexes and constraints that went with it and the foreign keys that reference it. They share
 * their hazards, so that the hazard gate keeps or drops them together.
 */
function regenerate(table: Table, g: Column, reads: readonly Retype[], ctx: PlanContext): Placed[] {
  const t = qname(table.schema, table.name);
  const source = reads[0]!.change;
  const late = reads.some((r) => r.late);
  const early = reads.some((r) => !r.late);
  const a: Around = { table, t, column: g.name, source, late };
  const reason = `stored generated column ${commentIdent(g.name)} is dropped before ${commentIdent(source.to.name)} changes type and added again after: `
    + `${commentQualified(t.schema, t.name)} is rewritten to compute it`;
  return shareHazards([
    place(early ? 'drop-expressions' : 'drop-generated-columns', source, op('drop-column', { table: t, column: g.name }), { reverse: null }),
    place(late ? 'readd-columns' : 'generated-columns', source, op('add-column', { table: t, column: columnDef(g) }), {
      hazards: [hazard('rewrite', 'medium', reason)],
      rewrites: 'rewrite',
      reverse: op('drop-column', { table: t, column: g.name }),
    }),
    ...commentStep(source, { on: 'column', table: t, column: g.name }, null, g.comment, late ? 'contract-comments' : 'comments'),
    ...dependentIndexes(a, ctx),
    ...dependentConstraints(a, ctx),
    ...referencingKeys(a, ctx),
  ]);
}

/** Indexes of the column that stay as they are: DROP COLUMN took them, so they are built again. */
function dependentIndexes(a: Around, ctx: PlanContext): Placed[] {
  const out: Placed[] = [];
  for (const [id, i] of ctx.to.index) {
    if (i.schema !== a.t.schema || i.table !== a.t.name || !indexUses(i, a.column)) continue;
    if (!ctx.from.index.has(id) || ctx.indexCreated(id) || ctx.backsConstraint(ctx.to, i.schema, i.table, i.name)) continue;
    out.push(...buildIndex(a.source, i, ctx, a.late));
  }
  return out;
}

function addBack(a: Around, c: Constraint): Placed[] {
  const fk = c.type === 'foreign-key';
  const slot: Slot = a.late ? (fk ? 'contract-foreign-keys' : 'contract-constraints') : (fk ? 'foreign-keys' : 'constraints');
  const t = qname(c.schema, c.table);
  const scans = c.type === 'foreign-key' || c.type === 'check';
  return [
    place(slot, a.source, op('add-constraint', { constraint: c, notValid: false }), {
      hazards: scans ? [hazard('validation-scan', 'medium', `adding ${commentIdent(c.name)} back checks every row of ${commentQualified(c.schema, c.table)}`)] : [],
      rewrites: 'scan',
      reverse: op('drop-constraint', { table: t, name: c.name }),
    }),
    ...commentStep(a.source, { on: 'constraint', table: t, name: c.name }, null, c.comment, a.late ? 'contract-comments' : 'comments'),
  ];
}

/** Constraints of the column's table over it that stay as they are: DROP COLUMN took them too. */
function dependentConstraints(a: Around, ctx: PlanContext): Placed[] {
  const out: Placed[] = [];
  for (const [id, c] of ctx.to.constraint) {
    if (c.schema !== a.t.schema || c.table !== a.t.name || !constraintUses(c, a.column)) continue;
    if (!ctx.from.constraint.has(id) || ctx.constraintCreated(id)) continue;
    out.push(...addBack(a, c));
  }
  return out;
}

/**
 * Foreign keys (of any table) that reference a key over the column would keep DROP COLUMN from
 * dropping that key: they go first and come back after it. Those over a retyped column are
 * refreshed already (refresh.ts).
 */
function referencingKeys(a: Around, ctx: PlanContext): Placed[] {
  const out: Placed[] = [];
  for (const [id, fk] of ctx.to.constraint) {
    if (fk.type !== 'foreign-key' || !referencesColumn(fk, a)) continue;
    if (fk.schema === a.t.schema && fk.table === a.t.name && constraintUses(fk, a.column)) continue;
    const current = ctx.from.constraint.get(id);
    if (current === undefined || current.type !== 'foreign-key' || ctx.constraintCreated(id) || refreshedForRetype(fk, ctx)) continue;
    const t = qname(fk.schema, fk.table);
    out.push(place('drop-foreign-keys', a.source, op('drop-constraint', { table: t, name: fk.name }), {
      reverse: op('add-constraint', { constraint: current, notValid: false }),
    }));
    out.push(...addBack(a, fk));
  }
  return out;
}

function referencesColumn(fk: ForeignKeyConstraint, a: Around): boolean {
  const ref = fk.references;
  return ref.schema === a.t.schema && ref.table === a.t.name && ref.columns.includes(a.column);
}

/** The same test as refreshForeignKeys: a column of the key, on either side, changes type beyond a relabel. */
function refreshedForRetype(fk: ForeignKeyConstraint, ctx: PlanContext): boolean {
  const ref = fk.references;
  return ctx.retypes.some((r) => r.fields.includes('type') && classifyTypeChange(r.from.type, r.to.type) !== 'binary'
    && ((r.table.schema === fk.schema && r.table.name === fk.table && fk.columns.includes(r.to.name))
      || (r.table.schema === ref.schema && r.table.name === ref.table && ref.columns.includes(r.to.name))));
}

/**
 * A column of the desired model that the plan adds (again) in contract: one dropped and added again,
 * or a generated column that waits for a retype made there. What belongs to it comes after.
 */
export function columnAddedInContract(id: string, ctx: PlanContext): boolean {
  const work = generatedWork(ctx);
  return ctx.columnRecreated(id) || work.addSlots.get(id) === 'readd-columns' || work.regenerated.get(id) === 'readd-columns';
}

/** A column that exists and stays, but that the plan drops and adds again: its privileges go with the drop. */
export function columnDroppedAndAdded(id: string, ctx: PlanContext): boolean {
  return ctx.columnRecreated(id) || generatedWork(ctx).regenerated.has(id);
}
