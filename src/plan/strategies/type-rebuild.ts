import type { Change } from '../../diff/change.js';
import { refersTo } from '../../diff/type-names.js';
import type { Column, Table } from '../../model/types.js';
import { place, type Placed } from '../build.js';
import type { PlanContext } from '../context.js';
import { helperName } from '../names.js';
import { op, qname, type Op } from '../ops.js';
import type { Hazard } from '../step.js';
import type { Slot } from '../slots.js';

export interface TypeUser {
  readonly table: Table;
  readonly column: Column;
  /** The column's array suffix (`[]`, `[][]`) or ''. */
  readonly array: string;
  /** The temporary type it is converted to, when not the rebuild's own (a multirange column of a rebuilt range). */
  readonly temp?: string;
}

/** Identifiers are at most 63 bytes; the temporary type name is cut to fit. */
export function temporaryName(name: string): string {
  return helperName(name, '__pgtide_new');
}

/** Columns of the desired model typed with `schema.name`, or an array of it. */
export function columnsUsing(ctx: PlanContext, schema: string, name: string): TypeUser[] {
  const out: TypeUser[] = [];
  for (const table of ctx.to.table.values()) {
    for (const column of table.columns) {
      const ref = refersTo(column.type, schema, name);
      if (ref !== null) out.push({ table, column, array: ref.array });
    }
  }
  return out;
}

export interface TypeRebuild {
  readonly slot: Slot;
  readonly change: Change;
  /** The type's schema, and its temporary name while both exist. */
  readonly schema: string;
  readonly temp: string;
  readonly users: readonly TypeUser[];
  /** Creates the new form under the temporary name; drops the old type; renames the new one into place. */
  readonly create: Op;
  readonly dropOld: Op;
  readonly rename: Op;
  /** Once the new type has its name, before column defaults come back (a range's multirange and constructors take theirs). */
  readonly after?: readonly Op[];
  /** The hazard of the create and of every column conversion; `rewrite` is added to the conversions. */
  readonly danger: Hazard;
  readonly rewrite: Hazard;
}

/**
 * A type PostgreSQL cannot alter into its new form (an enum losing or reordering values, a domain
 * with another base type): the new form is created under a temporary name, every column is
 * converted to it through text (defaults, typed with the old type, dropped first and restored after),
 * the old type is dropped and the new one takes its name.
 */
export function rebuildThroughTemporaryType(r: TypeRebuild): Placed[] {
  const { slot, change } = r;
  const steps: Placed[] = [place(slot, change, r.create, { hazards: [r.danger], reverse: null })];
  for (const { table, column, array, temp } of r.users) {
    const t = qname(table.schema, table.name);
    if (column.default !== null) steps.push(place(slot, change, op('drop-default', { table: t, column: column.name }), { reverse: null }));
    const retype = op('alter-column-type', { table: t, column: column.name, type: `${r.schema}.${temp ?? r.temp}${array}`, collation: null, using: 'via-text' });
    steps.push(place(slot, change, retype, { hazards: [r.danger, r.rewrite], rewrites: 'rewrite', reverse: null }));
  }
  steps.push(place(slot, change, r.dropOld, { reverse: null }));
  steps.push(place(slot, change, r.rename, { reverse: null }));
  for (const after of r.after ?? []) steps.push(place(slot, change, after, { reverse: null }));
  for (const { table, column } of r.users) {
    if (column.default === null) continue;
    steps.push(place(slot, change, op('set-default', { table: qname(table.schema, table.name), column: column.name, value: column.default }), { reverse: null }));
  }
  return steps;
}
