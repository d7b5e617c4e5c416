import type { RoutineCreate, RoutineDrop } from '../../diff/change.js';
import { relationId } from '../../model/ids.js';
import type { Column, Model, Routine, Table } from '../../model/types.js';
import { place, type Placed } from '../build.js';
import type { PlanContext } from '../context.js';
import { op, qname } from '../ops.js';
import { quoteIdent } from '../../sql/ident.js';

/**
 * A function that is dropped and created again cannot be dropped while a column default calls it
 * ("default value for column … depends on function …"). Such a default is dropped before the
 * function and set again once it exists, when the desired column keeps it; a changed default is set
 * by the column's own change. Tables have no catalog dependencies in the model, so the default is
 * searched for a call, by the name as the server prints it (quoted when it needs to be).
 */
export function callsRoutine(text: string, r: Routine): boolean {
  return text.includes(`${r.name}(`) || text.includes(`${quoteIdent(r.name)}(`);
}

interface CallingDefault {
  readonly table: Table;
  readonly column: Column;
}

/** Column defaults of the current model whose release goes with this function: the first re-created one each calls, so it happens once. */
function defaultsCalling(model: Model, routineId: string, ctx: PlanContext): CallingDefault[] {
  const recreated = [...model.function.entries()].filter(([id]) => ctx.routineRecreated(id));
  const out: CallingDefault[] = [];
  for (const table of model.table.values()) {
    if (ctx.tableDropped(table.schema, table.name) || ctx.tableRecreated(table.schema, table.name)) continue;
    for (const column of table.columns) {
      const d = column.default;
      if (d?.kind !== 'sql') continue;
      if (recreated.find(([, r]) => callsRoutine(d.text, r))?.[0] === routineId) out.push({ table, column });
    }
  }
  return out;
}

/** Before a re-created function is dropped. */
export function releaseDefaults(change: RoutineDrop, ctx: PlanContext): Placed[] {
  if (change.replacedBy === null) return [];
  return defaultsCalling(ctx.from, change.id, ctx).map(({ table, column }) => {
    const t = qname(table.schema, table.name);
    return place('release-domains', change, op('drop-default', { table: t, column: column.name }), {
      reverse: op('set-default', { table: t, column: column.name, value: column.default! }),
    });
  });
}

/** Once the re-created function exists: the defaults the columns keep come back. */
export function restoreDefaults(change: RoutineCreate, ctx: PlanContext): Placed[] {
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
  return out;
}
