import type { AlterChange } from '../../diff/change.js';
import { refersTo } from '../../diff/type-names.js';
import type { Column, Domain, Table } from '../../model/types.js';
import { hazard, place, shareHazards, type Placed } from '../build.js';
import type { PlanContext } from '../context.js';
import { helperName } from '../names.js';
import { op, qname } from '../ops.js';
import { commentStep } from './comments.js';

/** True when the domain cannot be altered into its new form and must be rebuilt. */
export function domainNeedsRebuild(from: Domain, to: Domain): boolean {
  return from.baseType !== to.baseType || from.collation !== to.collation;
}

/** Columns of the desired model typed with the domain (`schema.name`, or an array of it). */
export function domainColumns(tables: Iterable<Table>, d: Domain): { table: Table; column: Column; array: string }[] {
  const out: { table: Table; column: Column; array: string }[] = [];
  for (const table of tables) {
    for (const column of table.columns) {
      const ref = refersTo(column.type, d.schema, d.name);
      if (ref !== null) out.push({ table, column, array: ref.array });
    }
  }
  return out;
}

/**
 * A domain's base type and collation cannot be altered. Unused, it is dropped and created again.
 * Used, the new form is created under a temporary name, every column is converted to it through
 * text (defaults, typed with the old domain, dropped first and restored after), and the old domain
 * is dropped before the new one takes its name. Values the new base type or the domain's checks
 * reject make the conversion fail. Runs in the contract phase, like an enum rebuild: the old
 * application version may still write values only the old type accepts.
 */
export function domainRebuild(change: AlterChange<'domain'>, ctx: PlanContext): Placed[] {
  const { from, to } = change;
  const users = domainColumns(ctx.to.table.values(), to);
  const what = `domain ${to.schema}.${to.name}`;
  // the new domain carries no comment yet, whatever the old one had
  const comment = commentStep(change, { on: 'type', object: qname(to.schema, to.name) }, null, to.comment, 'rebuild-domains');
  if (users.length === 0) {
    return [
      place('rebuild-domains', change, op('drop-domain', { domain: qname(from.schema, from.name) }), { reverse: null }),
      place('rebuild-domains', change, op('create-domain', { domain: to }), { reverse: null }),
      ...comment,
    ];
  }
  const temp = helperName(to.name, '__pgtide_new');
  const danger = hazard('data-loss', 'high', `${what} changes from ${from.baseType} to ${to.baseType}: values that do not convert make the migration fail`);
  const rewrite = hazard('rewrite', 'high', `columns of ${what} are rewritten under ACCESS EXCLUSIVE`);
  const steps: Placed[] = [
    place('rebuild-domains', change, op('create-domain', { domain: { ...to, name: temp } }), { hazards: [danger], reverse: null }),
  ];
  for (const { table, column, array } of users) {
    const t = qname(table.schema, table.name);
    if (column.default !== null) steps.push(place('rebuild-domains', change, op('drop-default', { table: t, column: column.name }), { reverse: null }));
    const retype = op('alter-column-type', { table: t, column: column.name, type: `${to.schema}.${temp}${array}`, collation: null, using: 'via-text' });
    steps.push(place('rebuild-domains', change, retype, { hazards: [danger, rewrite], rewrites: 'rewrite', reverse: null }));
  }
  steps.push(place('rebuild-domains', change, op('drop-domain', { domain: qname(from.schema, from.name) }), { reverse: null }));
  steps.push(place('rebuild-domains', change, op('alter-domain', { domain: qname(to.schema, temp), action: { kind: 'rename', newName: to.name } }), { reverse: null }));
  for (const { table, column } of users) {
    if (column.default === null) continue;
    steps.push(place('rebuild-domains', change, op('set-default', { table: qname(table.schema, table.name), column: column.name, value: column.default }), { reverse: null }));
  }
  return [...shareHazards(steps), ...comment];
}
