import type { AlterChange, CreateChange, DropChange } from '../../diff/change.js';
import { objectId } from '../../model/ids.js';
import type { View, ViewColumnComment } from '../../model/types.js';
import type { ViewSlot } from '../../resolve/index.js';
import { hazard, place, type Placed } from '../build.js';
import type { PlanContext } from '../context.js';
import { op, qname, type CommentTarget } from '../ops.js';
import { commentStep } from './comments.js';
import { commentQualified } from '../../sql/ident.js';

const nameOf = (v: View) => qname(v.schema, v.name);
const commentTarget = (v: View): CommentTarget => ({ on: v.materialized ? 'materialized-view' : 'view', object: nameOf(v) });

/** Where a view is created (resolve/views.ts). */
export function viewSlot(view: View, ctx: PlanContext): ViewSlot {
  const slot = ctx.resolved.viewSlots.get(objectId(view));
  if (slot === undefined) throw new Error(`viewSlot: ${objectId(view)} is not a view of the desired model`);
  return slot;
}

export function createView(change: CreateChange<'view'>, ctx: PlanContext): Placed[] {
  const v = change.to;
  // The indexes of a late materialized view wait for it: resolve defers it.
  const slot = viewSlot(v, ctx);
  return [
    place(slot, change, op('create-view', { view: v }), {
      reverse: op('drop-view', { view: nameOf(v), materialized: v.materialized }),
      rewrites: v.materialized ? 'scan' : 'none',
    }),
    ...commentStep(change, commentTarget(v), null, v.comment, slot),
    ...columnCommentSteps(change, v, [], v.columnComments, slot),
  ];
}

/** COMMENT ON COLUMN for each column whose comment differs; a view's columns take it as a table's do. */
function columnCommentSteps(
  change: CreateChange<'view'> | AlterChange<'view'>, v: View, from: readonly ViewColumnComment[], to: readonly ViewColumnComment[], slot?: ViewSlot,
): Placed[] {
  const before = new Map(from.map((c) => [c.column, c.comment] as const));
  const after = new Map(to.map((c) => [c.column, c.comment] as const));
  const columns = [...new Set([...before.keys(), ...after.keys()])];
  return columns.flatMap((column) =>
    commentStep(change, { on: 'column', table: nameOf(v), column }, before.get(column) ?? null, after.get(column) ?? null, slot));
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
  return [
    ...out,
    ...commentStep(change, commentTarget(to), from.comment, to.comment),
    ...columnCommentSteps(change, to, from.columnComments, to.columnComments),
  ];
}
