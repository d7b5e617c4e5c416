import type { AlterChange, CreateChange, DropChange } from '../../diff/change.js';
import { columnId, grantTargetId, relationId } from '../../model/ids.js';
import type { GrantTarget, Model, Privilege } from '../../model/types.js';
import { hazard, place, type Placed } from '../build.js';
import type { PlanContext } from '../context.js';
import { columnAddedInContract, columnDroppedAndAdded } from '../generated.js';
import { op } from '../ops.js';
import type { Slot } from '../slots.js';
import { viewSlot } from './views.js';
import { commentIdent } from '../../sql/ident.js';
import { displayGrantTarget } from '../../diff/describe-change.js';

type Source = CreateChange<'privilege'> | DropChange<'privilege'> | AlterChange<'privilege'>;

const minus = (a: readonly string[], b: readonly string[]): string[] => a.filter((x) => !b.includes(x));

/** Whether the object a privilege is on exists in the model. */
function targetExists(model: Model, t: GrantTarget): boolean {
  const id = grantTargetId(t);
  switch (t.on) {
    case 'schema':
      return model.schema.has(id);
    case 'table':
      return model.table.has(id);
    case 'view':
      return model.view.has(id);
    case 'sequence':
      return model.sequence.has(id);
    case 'function':
      return model.function.has(id);
    case 'aggregate':
      return model.aggregate.has(id);
    case 'column':
      // A view's columns are not modelled: its column stays while the view does.
      return model.table.get(relationId('table', t.schema, t.table))?.columns.some((c) => c.name === t.column)
        ?? model.view.has(relationId('view', t.schema, t.table));
    default: {
      const never: never = t;
      throw new Error(`unknown grant target ${JSON.stringify(never)}`);
    }
  }
}

/** The desired column a column privilege is on, by id. */
function columnTarget(t: GrantTarget): string | null {
  return t.on === 'column' ? columnId(t.schema, t.table, t.column) : null;
}

/** After the object exists: a view created, or a column added, in the contract phase is granted on there. */
function grantSlot(p: Privilege, ctx: PlanContext): Slot {
  const view = p.target.on === 'view' ? ctx.to.view.get(grantTargetId(p.target))
    : p.target.on === 'column' ? ctx.to.view.get(relationId('view', p.target.schema, p.target.table)) : undefined;
  if (view !== undefined && viewSlot(view, ctx) !== 'create-views') return 'grants-late';
  const column = columnTarget(p.target);
  return column !== null && columnAddedInContract(column, ctx) ? 'grants-late' : 'grants';
}

function grant(source: Source, ctx: PlanContext, p: Privilege, privileges: readonly string[], grantOption: boolean): Placed[] {
  if (privileges.length === 0) return [];
  const fields = { target: p.target, grantee: p.grantee, privileges, grantOption };
  return [place(grantSlot(p, ctx), source, op('grant', fields), { reverse: op('revoke', fields) })];
}

function revoke(source: Source, slot: Slot, p: Privilege, privileges: readonly string[], grantOption: boolean): Placed[] {
  if (privileges.length === 0) return [];
  const fields = { target: p.target, grantee: p.grantee, privileges, grantOption };
  const hazards = slot === 'revokes' ? [hazard('breaking', 'medium', `${commentIdent(p.grantee)} loses ${privileges.join(', ')} on ${displayGrantTarget(p.target)}`)] : [];
  return [place(slot, source, op('revoke', fields), { hazards, reverse: op('grant', fields) })];
}

/** After everything of expand exists. A new object's privileges are granted here too. */
export function createPrivilege(change: CreateChange<'privilege'>, ctx: PlanContext): Placed[] {
  const p = change.to;
  return [...grant(change, ctx, p, minus(p.privileges, p.grantable), false), ...grant(change, ctx, p, p.grantable, true)];
}

/**
 * Revoked in contract, when the object stays; first, when the object is re-created (the privilege
 * comes back with it); not at all when the object goes (its privileges go with it).
 */
export function dropPrivilege(change: DropChange<'privilege'>, ctx: PlanContext): Placed[] {
  const p = change.from;
  if (ctx.to.privilege.has(change.id)) {
    // DROP COLUMN takes the column's privileges; revoking them in expand would take them from the
    // running application before the column goes.
    const column = columnTarget(p.target);
    if (column !== null && columnDroppedAndAdded(column, ctx)) return [];
    return revoke(change, 'revokes-early', p, p.privileges, false);
  }
  if (!targetExists(ctx.to, p.target)) return [];
  // A view dropped to be created again takes its grants with it, and its new definition may lack the column.
  if (p.target.on === 'column' && ctx.viewDropped(relationId('view', p.target.schema, p.target.table))) return [];
  return revoke(change, 'revokes', p, p.privileges, false);
}

export function alterPrivilege(change: AlterChange<'privilege'>, ctx: PlanContext): Placed[] {
  const { from, to } = change;
  return [
    ...revoke(change, 'revokes', from, minus(from.grantable, to.grantable).filter((x) => to.privileges.includes(x)), true),
    ...revoke(change, 'revokes', from, minus(from.privileges, to.privileges), false),
    ...grant(change, ctx, to, minus(minus(to.privileges, from.privileges), to.grantable), false),
    ...grant(change, ctx, to, minus(to.grantable, from.grantable), true),
  ];
}
