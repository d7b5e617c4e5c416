import type { AggregateDrop, AlterChange, CreateChange } from '../../diff/change.js';
import type { Aggregate, Model, Routine } from '../../model/types.js';
import { commentQualified } from '../../sql/ident.js';
import { hazard, place, type Placed } from '../build.js';
import type { PlanContext } from '../context.js';
import { op, qname, type CommentTarget } from '../ops.js';
import type { Hazard } from '../step.js';
import { commentStep } from './comments.js';
import { readsDroppedView, readsViews } from './routine-reads.js';
import { routineDropSlot } from './routines.js';
import { SLOT_INDEX, type Slot } from '../slots.js';
import { objectId } from '../../model/ids.js';

const nameOf = (a: Aggregate) => qname(a.schema, a.name);
const commentTarget = (a: Aggregate): CommentTarget => ({ on: 'aggregate', aggregate: nameOf(a), args: a.args });
const dropOp = (a: Aggregate) => op('drop-aggregate', { aggregate: nameOf(a), args: a.args });
const display = (a: Aggregate): string => `${commentQualified(a.schema, a.name)}(${a.args})`;

/** The functions of the model that it calls (pg_depend: its transition, final, combine … functions). */
function supportFunctions(model: Model, a: Aggregate): Routine[] {
  return a.dependsOn.flatMap((id) => model.function.get(id) ?? []);
}

/**
 * After the functions it calls, which may be SQL-language functions created after the tables; in
 * their slot, where the diff orders each after what it reads (diff/dependents.ts), so that a
 * function whose body calls the aggregate can follow it. Views that call it come later still.
 * When a function it calls reads a view's row type, only after the views.
 */
function createSlot(a: Aggregate, ctx: PlanContext): 'create-routines-late' | 'create-view-readers' {
  return supportFunctions(ctx.to, a).some(readsViews) ? 'create-view-readers' : 'create-routines-late';
}

export function createAggregate(change: CreateChange<'aggregate'>, ctx: PlanContext): Placed[] {
  const a = change.to;
  return [
    place(createSlot(a, ctx), change, op('create-aggregate', { aggregate: a, replace: false }), { reverse: dropOp(a) }),
    ...commentStep(change, commentTarget(a), null, a.comment),
  ];
}

/**
 * Why the drop breaks its callers: it goes for good, a plain function takes its place, or it comes
 * back as another kind, with other argument names or another result (CREATE OR REPLACE cannot
 * change those). One re-created only
 * because a function it calls is re-created comes back as it was, in the same phase: no hazard.
 */
function dropHazards(change: AggregateDrop, ctx: PlanContext): Hazard[] {
  const a = change.from;
  if (change.replacedBy === null) return [hazard('breaking', 'medium', `queries that call ${display(a)} fail once it is dropped`)];
  const next = ctx.to.aggregate.get(change.replacedBy);
  if (next === undefined) return [hazard('breaking', 'medium', `${display(a)} is dropped and a plain function takes its name and argument types: queries that call it as an aggregate break`)];
  if (next.args === a.args && next.signature === a.signature && next.returns === a.returns && next.aggKind === a.aggKind) return [];
  return [hazard('breaking', 'medium', `${display(a)} is dropped and created again as a ${next.aggKind} aggregate (${next.signature}) returning ${next.returns}, which CREATE OR REPLACE cannot make: queries that rely on its old arguments or result break`)];
}

/**
 * Where an aggregate that goes for good is dropped: first among the routines of the contract phase,
 * unless a function that calls it (a `BEGIN ATOMIC` body, pg_depend) goes in a later slot; in that
 * slot the diff drops the caller first (diff/dependents.ts).
 */
function goneSlot(a: Aggregate, ctx: PlanContext): Slot {
  const id = objectId(a);
  let slot: Slot = 'drop-aggregates';
  for (const r of ctx.from.function.values()) {
    if (!r.dependsOn.includes(id) || ctx.to.function.has(objectId(r))) continue;
    const callerSlot = routineDropSlot(r, false, ctx);
    if (SLOT_INDEX.get(callerSlot)! > SLOT_INDEX.get(slot)!) slot = callerSlot;
  }
  return slot;
}

/**
 * Before the functions it calls and after the views and functions that call it (the diff drops
 * those first). One that comes back goes in expand, before it is created again; one that goes for
 * good in contract, or with the function it calls when that one reads a view that goes.
 */
export function dropAggregate(change: AggregateDrop, ctx: PlanContext): Placed[] {
  const a = change.from;
  const slot = supportFunctions(ctx.from, a).some((r) => readsDroppedView(r, ctx)) ? 'drop-view-readers'
    : change.replacedBy !== null ? 'drop-routines'
    : goneSlot(a, ctx);
  return [place(slot, change, dropOp(a), {
    hazards: dropHazards(change, ctx),
    reverse: op('create-aggregate', { aggregate: a, replace: false }),
  })];
}

/**
 * CREATE OR REPLACE AGGREGATE once every function it is to call exists: after the functions the
 * migration creates, and before those it stops calling are dropped (in contract).
 */
export function alterAggregate(change: AlterChange<'aggregate'>, ctx: PlanContext): Placed[] {
  const { from, to } = change;
  const replaced = change.fields.some((f) => f !== 'comment' && f !== 'dependsOn');
  const slot = supportFunctions(ctx.to, to).some(readsViews) ? 'create-view-readers' : 'replace-aggregates';
  return [
    ...(replaced
      ? [place(slot, change, op('create-aggregate', { aggregate: to, replace: true }), {
          hazards: [hazard('breaking', 'low', `${display(to)} computes differently for the running application`)],
          reverse: op('create-aggregate', { aggregate: from, replace: true }),
        })]
      : []),
    ...commentStep(change, commentTarget(to), from.comment, to.comment),
  ];
}
