import type { RoutineCreate, RoutineDrop } from '../../diff/change.js';
import { objectId, relationId } from '../../model/ids.js';
import type { CheckConstraint, Column, Model, Routine, Table } from '../../model/types.js';
import { hazard, place, type Placed } from '../build.js';
import type { PlanContext } from '../context.js';
import { op, qname } from '../ops.js';
import { commentIdent, commentQualified, quoteIdent } from '../../sql/ident.js';

/**
 * A function that is dropped and created again cannot be dropped while a column default or a CHECK
 * constraint calls it ("default value for column … depends on function …"). Such a default or check
 * is dropped before the function and comes back once it exists, when the desired table keeps it
 * unchanged; a changed one is made by its own change. Tables have no catalog dependencies in the
 * model, so expressions are searched for a call, by the name as the server prints it (quoted when it
 * needs to be).
 */
export function callsRoutine(text: string, r: Routine): boolean {
  return text.includes(`${r.name}(`) || text.includes(`${quoteIdent(r.name)}(`);
}

interface CallingDefault {
  readonly table: Table;
  readonly column: Column;
}

const kept = (ctx: PlanContext, schema: string, table: string): boolean => !ctx.tableDropped(schema, table) && !ctx.tableRecreated(schema, table);

/** Whether the release of an expression goes with this function: the first re-created one it calls, so it happens once. */
function releasedWith(model: Model, routineId: string, ctx: PlanContext, text: string): boolean {
  for (const [id, r] of model.function) if (ctx.routineRecreated(id) && callsRoutine(text, r)) return id === routineId;
  return false;
}

/** Column defaults of the current model whose release goes with this function. */
function defaultsCalling(model: Model, routineId: string, ctx: PlanContext): CallingDefault[] {
  const out: CallingDefault[] = [];
  for (const table of model.table.values()) {
    if (!kept(ctx, table.schema, table.name)) continue;
    for (const column of table.columns) {
      const d = column.default;
      if (d?.kind === 'sql' && releasedWith(model, routineId, ctx, d.text)) out.push({ table, column });
    }
  }
  return out;
}

/** CHECK constraints of the current model whose release goes with this function (none the plan drops itself). */
function checksCalling(model: Model, routineId: string, ctx: PlanContext): CheckConstraint[] {
  return [...model.constraint.entries()].flatMap(([id, c]) => (c.type === 'check' && kept(ctx, c.schema, c.table)
    && !ctx.constraintDropped(id) && releasedWith(model, routineId, ctx, c.expression) ? [c] : []));
}

/** Before a re-created function is dropped. */
export function releaseTables(change: RoutineDrop, ctx: PlanContext): Placed[] {
  if (change.replacedBy === null) return [];
  const defaults = defaultsCalling(ctx.from, change.id, ctx).map(({ table, column }) => {
    const t = qname(table.schema, table.name);
    return place('release-domains', change, op('drop-default', { table: t, column: column.name }), {
      reverse: op('set-default', { table: t, column: column.name, value: column.default! }),
    });
  });
  const checks = checksCalling(ctx.from, change.id, ctx).map((c) => place('release-domains', change,
    op('drop-constraint', { table: qname(c.schema, c.table), name: c.name }),
    { reverse: op('add-constraint', { constraint: c, notValid: c.notValid === true }) }));
  return [...defaults, ...checks];
}

/** Once the re-created function exists: the defaults the columns keep come back. */
export function restoreTables(change: RoutineCreate, ctx: PlanContext): Placed[] {
  const replaced = change.replaces;
  if (replaced === null || !ctx.routineRecreated(replaced)) return [];
  const out: Placed[] = [];
  for (const { table, column } of defaultsCalling(ctx.from, replaced, ctx)) {
    const kept = ctx.to.table.get(relationId('table', table.schema, table.name))?.columns.find((c) => c.name === column.name);
    const d = column.default!;
    if (kept?.default?.kind !== 'sql' || d.kind !== 'sql' || kept.default.text !== d.text) continue;
    const t = qname(table.schema, table.name);
    out.push(place('columns', change, op('set-default', { table: t, column: column.name, value: d }), {
      reverse: op('drop-default', { table: t, column: column.name }),
    }));
  }
  for (const c of checksCalling(ctx.from, replaced, ctx)) {
    const id = objectId(c);
    const to = ctx.to.constraint.get(id);
    if (to?.type !== 'check' || to.expression !== c.expression || ctx.constraintCreated(id)) continue;
    const t = qname(c.schema, c.table);
    // Added NOT VALID, then validated: the scan holds no lock that stops writes.
    out.push(place('constraints', change, op('add-constraint', { constraint: c, notValid: true }), {
      reverse: op('drop-constraint', { table: t, name: c.name }),
    }));
    if (c.notValid === true) continue;
    out.push(place('constraints', change, op('validate-constraint', { table: t, name: c.name }), {
      hazards: [hazard('validation-scan', 'medium', `validating ${commentIdent(c.name)} again scans ${commentQualified(c.schema, c.table)} once ${commentQualified(change.to.schema, change.to.name)} is re-created`)],
      rewrites: 'scan',
      reverse: null,
    }));
  }
  return out;
}
