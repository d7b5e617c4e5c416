import type { ColumnAlter } from '../diff/change.js';
import type { Column, Constraint, ForeignKeyConstraint, Table } from '../model/types.js';
import type { GeneratedItem, Retype } from '../resolve/index.js';
import { constraintUses, indexUses } from '../resolve/online.js';
import { hazard, place, shareHazards, type Placed } from './build.js';
import type { PlanContext } from './context.js';
import { columnDef, op, qname, type QName } from './ops.js';
import type { Slot } from './slots.js';
import { commentStep } from './strategies/comments.js';
import { buildIndex } from './strategies/indexes.js';
import { commentIdent, commentQualified } from '../sql/ident.js';

/**
 * The steps for generated columns around retypes of the columns they read, as resolved
 * (resolve/generated.ts): placed before the strategies run, in the order resolve decided.
 */
export function generatedSteps(ctx: PlanContext): Placed[] {
  return ctx.resolved.generated.items.flatMap((item) => placeItem(item, ctx));
}

function placeItem(item: GeneratedItem, ctx: PlanContext): Placed[] {
  switch (item.kind) {
    case 'regenerate':
      return regenerate(item.table, item.column, item.reads, ctx);
    case 'release': {
      // DROP EXPRESSION lets go of the columns it reads, and keeps its values for the old application version until the drop.
      const t = qname(item.table.schema, item.table.name);
      return [place('drop-expressions', item.source, op('drop-expression', { table: t, column: item.column }), { reverse: null })];
    }
    default: {
      const never: never = item;
      throw new Error(`generatedSteps: unknown item ${JSON.stringify(never)}`);
    }
  }
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
    if (current === undefined || current.type !== 'foreign-key' || ctx.constraintCreated(id) || refreshed(fk, ctx)) continue;
    const t = qname(fk.schema, fk.table);
    out.push(place('drop-foreign-keys', a.source, op('drop-constraint', { table: t, name: fk.name }), {
      reverse: op('add-constraint', { constraint: current, notValid: false }),
    }));
    out.push(...addBack(a, fk));
  }
  return out;
}

/** Refreshed around a retype of its columns already (plan/refresh.ts). */
function refreshed(fk: ForeignKeyConstraint, ctx: PlanContext): boolean {
  return ctx.resolved.refreshedKeys.some((r) => r.fk === fk);
}

function referencesColumn(fk: ForeignKeyConstraint, a: Around): boolean {
  const ref = fk.references;
  return ref.schema === a.t.schema && ref.table === a.t.name && ref.columns.includes(a.column);
}

/**
 * A column of the desired model that the plan adds (again) in contract: one dropped and added again,
 * or a generated column that waits for a retype made there. What belongs to it comes after.
 */
export function columnAddedInContract(id: string, ctx: PlanContext): boolean {
  const work = ctx.resolved.generated;
  return ctx.columnRecreated(id) || work.addSlots.get(id) === 'readd-columns' || work.regenerated.get(id) === 'readd-columns';
}

/** A column that exists and stays, but that the plan drops and adds again: its privileges go with the drop. */
export function columnDroppedAndAdded(id: string, ctx: PlanContext): boolean {
  return ctx.columnRecreated(id) || ctx.resolved.generated.regenerated.has(id);
}
