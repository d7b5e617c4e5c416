import type { Change } from '../../diff/change.js';
import { sameValue } from '../../diff/guard.js';
import { columnId, relationId } from '../../model/ids.js';
import type { DefaultValue, Model, Table } from '../../model/types.js';
import { place, type Placed } from '../build.js';
import type { PlanContext } from '../context.js';
import { op, qname } from '../ops.js';
import type { Slot } from '../slots.js';
import { commentStep } from './comments.js';

/*
 * An INHERITS child keeps a default and a comment of its own on each column it inherits. The server
 * copies the parent's default when the child is made, and ALTER COLUMN … SET/DROP DEFAULT on the parent
 * reaches every child: so a child's own default is set with ONLY, after whatever reached it.
 */

const parentsOf = (t: Table): readonly { readonly schema: string; readonly table: string }[] => t.inherits ?? [];

/** The table that owns the column (has it as a column of its own), searching the parents in order. */
function ownerOf(model: Model, t: Table, column: string, seen: Set<string> = new Set()): Table | null {
  for (const p of parentsOf(t)) {
    const id = relationId('table', p.schema, p.table);
    const parent = model.table.get(id);
    if (parent === undefined || seen.has(id)) continue;
    seen.add(id);
    if (parent.columns.some((c) => c.name === column)) return parent;
    const up = ownerOf(model, parent, column, seen);
    if (up !== null) return up;
  }
  return null;
}

/** The default the column has on the child right after the parent's statements reached it: its first parent's. */
function copiedDefault(model: Model, t: Table, column: string): DefaultValue | null {
  for (const p of parentsOf(t)) {
    const parent = model.table.get(relationId('table', p.schema, p.table));
    if (parent === undefined) continue;
    const own = parent.columns.find((c) => c.name === column);
    if (own !== undefined) return own.default;
    const inherited = parent.inheritedColumns?.find((c) => c.name === column);
    if (inherited !== undefined) return inherited.default;
  }
  return null;
}

function setDefault(source: Change, t: Table, column: string, value: DefaultValue | null, was: DefaultValue | null, slot: Slot): Placed {
  const table = qname(t.schema, t.name);
  const forward = value === null ? op('drop-default', { table, column, only: true }) : op('set-default', { table, column, value, only: true });
  const reverse = was === null ? op('drop-default', { table, column, only: true }) : op('set-default', { table, column, value: was, only: true });
  return place(slot, source, forward, { reverse });
}

/**
 * A child's own defaults and comments on the columns it inherits, for a child made or changed. A
 * default on a column whose owner's column is altered is the owner's step's to set again (below).
 */
export function inheritedColumnSteps(source: Change, from: Table | null, to: Table, ctx: PlanContext): Placed[] {
  return (to.inheritedColumns ?? []).flatMap((c) => {
    const was = from?.inheritedColumns?.find((w) => w.name === c.name);
    const owner = ownerOf(ctx.to, to, c.name);
    const ownerAltered = owner !== null && ctx.columnAltered(columnId(owner.schema, owner.name, c.name));
    const before = was === undefined ? copiedDefault(ctx.to, to, c.name) : was.default;
    const defaults = ownerAltered || sameValue(before, c.default) ? [] : [setDefault(source, to, c.name, c.default, before, 'inherited-defaults')];
    return [...defaults, ...commentStep(source, { on: 'column', table: qname(to.schema, to.name), column: c.name }, was?.comment ?? null, c.comment)];
  });
}

/**
 * After a default change on `owner`'s column has reached every child: the children whose own default
 * is another one get it back, each with ONLY.
 */
export function restoreChildDefaults(source: Change, owner: Table, column: string, ctx: PlanContext, slot: Slot): Placed[] {
  const wanted = owner.columns.find((c) => c.name === column)?.default ?? null;
  const out: Placed[] = [];
  for (const child of ctx.to.table.values()) {
    const own = child.inheritedColumns?.find((c) => c.name === column);
    if (own === undefined || sameValue(own.default, wanted)) continue;
    const its = ownerOf(ctx.to, child, column);
    if (its === null || its.schema !== owner.schema || its.name !== owner.name) continue;
    out.push(setDefault(source, child, column, own.default, wanted, slot));
  }
  return out;
}
