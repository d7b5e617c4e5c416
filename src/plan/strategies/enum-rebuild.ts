import type { AlterChange } from '../../diff/change.js';
import { refersTo } from '../../diff/type-names.js';
import type { Column, Table } from '../../model/types.js';
import { hazard, place, type Placed } from '../build.js';
import type { PlanContext } from '../context.js';
import { helperName } from '../names.js';
import { op, qname } from '../ops.js';

/** Identifiers are at most 63 bytes; the temporary type name is cut to fit. */
export function temporaryName(name: string): string {
  return helperName(name, '__pgtide_new');
}

/** Columns of the desired model typed with the enum (`schema.name`, or an array of it). */
export function columnsUsing(ctx: PlanContext, schema: string, name: string): { table: Table; column: Column; array: string }[] {
  const out: { table: Table; column: Column; array: string }[] = [];
  for (const table of ctx.to.table.values()) {
    for (const column of table.columns) {
      const ref = refersTo(column.type, schema, name);
      if (ref !== null) out.push({ table, column, array: ref.array });
    }
  }
  return out;
}

/**
 * Removing or reordering enum values: PostgreSQL cannot, so a new type is created, every column is
 * converted through text (defaults dropped first and restored after, as they are typed), the old type
 * is dropped and the new one takes its name. Rows holding a removed value make the conversion fail.
 */
export function enumRebuild(change: AlterChange<'enum'>, ctx: PlanContext): Placed[] {
  const { from, to } = change;
  const temp = temporaryName(to.name);
  const removed = from.values.filter((v) => !to.values.includes(v));
  const danger = hazard('data-loss', 'high', removed.length > 0
    ? `enum ${to.schema}.${to.name} loses values ${removed.join(', ')}: rows holding them make the conversion fail`
    : `enum ${to.schema}.${to.name} is rebuilt to reorder its values; every column using it is rewritten`);
  const rewrite = hazard('rewrite', 'high', `columns of type ${to.schema}.${to.name} are rewritten under ACCESS EXCLUSIVE`);
  const steps: Placed[] = [place('rebuild-enums', change, op('create-enum', { type: qname(to.schema, temp), values: to.values }), {
    hazards: [danger], reverse: null,
  })];
  const users = columnsUsing(ctx, to.schema, to.name);
  for (const { table, column, array } of users) {
    const t = qname(table.schema, table.name);
    if (column.default !== null) {
      steps.push(place('rebuild-enums', change, op('drop-default', { table: t, column: column.name }), { reverse: null }));
    }
    const retype = op('alter-column-type', {
      table: t, column: column.name, type: `${to.schema}.${temp}${array}`, collation: null, using: 'via-text',
    });
    steps.push(place('rebuild-enums', change, retype, { hazards: [danger, rewrite], rewrites: 'rewrite', reverse: null }));
  }
  steps.push(place('rebuild-enums', change, op('drop-enum', { type: qname(from.schema, from.name) }), { reverse: null }));
  steps.push(place('rebuild-enums', change, op('rename-enum', { type: qname(to.schema, temp), newName: to.name }), { reverse: null }));
  for (const { table, column } of users) {
    if (column.default === null) continue;
    const t = qname(table.schema, table.name);
    steps.push(place('rebuild-enums', change, op('set-default', { table: t, column: column.name, value: column.default }), { reverse: null }));
  }
  return steps;
}
