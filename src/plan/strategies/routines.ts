import type { AlterChange, RoutineCreate, RoutineDrop } from '../../diff/change.js';
import type { Model, Routine } from '../../model/types.js';
import { hazard, place, type Placed } from '../build.js';
import type { Hazard } from '../step.js';
import type { PlanContext } from '../context.js';
import { op, qname, type CommentTarget } from '../ops.js';
import { commentStep } from './comments.js';
import { callsRoutine, releaseTables, restoreTables } from './table-callers.js';
import { releaseDomains, restoreDomains } from './domain-callers.js';
import { objectId } from '../../model/ids.js';
import { commentQualified, quoteIdent } from '../../sql/ident.js';
import { readsDroppedView, readsTables, readsViews } from './routine-reads.js';

const nameOf = (r: Routine) => qname(r.schema, r.name);
const commentTarget = (r: Routine): CommentTarget => ({ on: r.procedure ? 'procedure' : 'function', routine: nameOf(r), args: r.args });

/**
 * Whether a column default, generated column or check constraint of the model calls it. Tables have
 * no catalog dependencies in the model, so their expressions are searched for a call, by the name
 * as the server prints it (quoted when it needs to be).
 */
function calledByTables(model: Model, r: Routine): boolean {
  const called = (text: string): boolean => callsRoutine(text, r);
  for (const t of model.table.values()) {
    for (const c of t.columns) {
      if (c.default?.kind === 'sql' && called(c.default.text)) return true;
      if (c.generated !== null && called(c.generated)) return true;
    }
  }
  for (const c of model.constraint.values()) if (c.type === 'check' && called(c.expression)) return true;
  return false;
}

/** Whether a domain's default or checks call it, as the catalog records (pg_depend). */
function calledByDomains(model: Model, r: Routine): boolean {
  const id = objectId(r);
  for (const d of model.domain.values()) if (d.dependsOn.includes(id)) return true;
  return false;
}

/** Whether a range type calls it (subtype_diff, canonical), as the catalog records (pg_depend). */
function calledByRanges(model: Model, r: Routine): boolean {
  const id = objectId(r);
  for (const t of model['range-type'].values()) if (t.dependsOn.includes(id)) return true;
  return false;
}

type CreateSlot = 'create-routines-early' | 'create-routines' | 'create-routines-late' | 'create-view-readers';

/**
 * Functions go before tables, for the defaults and checks that call them, and before domains and
 * ranges when a domain's default or check, or a range's subtype_diff, calls them; a SQL-language
 * function (its body is checked against the tables when it is created) or one that reads a table's
 * row type goes after the tables and columns, and one that reads a view's row type after the views,
 * unless a table, domain or range needs it first.
 */
function routineSlot(r: Routine, ctx: PlanContext): CreateSlot {
  if (calledByDomains(ctx.to, r) || calledByRanges(ctx.to, r)) return 'create-routines-early';
  if (calledByTables(ctx.to, r)) return 'create-routines';
  if (readsViews(r)) return 'create-view-readers';
  const sqlBody = /\bLANGUAGE sql\b/i.test(r.definition);
  return sqlBody || readsTables(r) ? 'create-routines-late' : 'create-routines';
}

export function createRoutine(change: RoutineCreate, ctx: PlanContext): Placed[] {
  const r = change.to;
  const slot = routineSlot(r, ctx);
  return [
    place(slot, change, op('create-routine', { routine: r }), {
      reverse: op('drop-routine', { routine: nameOf(r), args: r.args, procedure: r.procedure }),
    }),
    ...commentStep(change, commentTarget(r), null, r.comment),
    ...restoreDomains(change, ctx),
    ...restoreTables(change, ctx),
  ];
}

/**
 * Why the drop of a routine breaks its callers: it goes for good, an aggregate takes its place, or it
 * comes back with other argument names, defaults, modes or result (CREATE OR REPLACE cannot change those). One re-created only
 * because what it reads is re-created comes back as it was, within the same phase: no hazard.
 */
function dropHazards(change: RoutineDrop, ctx: PlanContext): Hazard[] {
  const r = change.from;
  const what = `${commentQualified(r.schema, r.name)}(${r.args})`;
  if (change.replacedBy === null) return [hazard('breaking', 'medium', `callers of ${what} fail once it is dropped`)];
  const next = ctx.to.function.get(change.replacedBy);
  if (next === undefined) return [hazard('breaking', 'medium', `${what} is dropped and an aggregate takes its name and argument types: callers that call it as a function break`)];
  if (next.args === r.args && next.signature === r.signature && next.returns === r.returns && next.procedure === r.procedure) return [];
  const result = next.returns === null ? '' : ` returning ${next.returns}`;
  return [hazard('breaking', 'medium', `${what} is dropped and created again as (${next.signature})${result}, which CREATE OR REPLACE cannot make: callers that rely on its old arguments or result break`)];
}

type DropSlot = 'drop-view-readers' | 'drop-routines' | 'drop-routines-last' | 'drop-table-readers' | 'drop-routines-late';

/**
 * A re-created function goes early (its dependents were dropped just before); a removed one late,
 * and after the domains when a domain that goes calls it. One that reads a view that goes, or the
 * row type or columns of a table, goes before them (unless a table's default or check calls it).
 */
export function routineDropSlot(r: Routine, recreated: boolean, ctx: PlanContext): DropSlot {
  return readsDroppedView(r, ctx) ? 'drop-view-readers'
    : recreated ? 'drop-routines'
    : calledByDomains(ctx.from, r) || calledByRanges(ctx.from, r) ? 'drop-routines-last'
    : readsTables(r) && !calledByTables(ctx.from, r) ? 'drop-table-readers'
    : 'drop-routines-late';
}

export function dropRoutine(change: RoutineDrop, ctx: PlanContext): Placed[] {
  const r = change.from;
  const slot = routineDropSlot(r, change.replacedBy !== null, ctx);
  return [...releaseDomains(change, ctx), ...releaseTables(change, ctx), place(slot, change, op('drop-routine', { routine: nameOf(r), args: r.args, procedure: r.procedure }), {
    hazards: dropHazards(change, ctx),
    reverse: op('create-routine', { routine: r }),
  })];
}

export function alterRoutine(change: AlterChange<'function'>, ctx: PlanContext): Placed[] {
  const { from, to } = change;
  const out: Placed[] = [];
  if (change.fields.includes('definition')) {
    out.push(place(routineSlot(to, ctx), change, op('create-routine', { routine: to }), {
      hazards: [hazard('breaking', 'low', `${commentQualified(to.schema, to.name)}(${to.args}) behaves differently for the running application`)],
      reverse: op('create-routine', { routine: from }),
    }));
  }
  return [...out, ...commentStep(change, commentTarget(to), from.comment, to.comment)];
}
