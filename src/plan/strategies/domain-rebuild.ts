import type { AlterChange } from '../../diff/change.js';
import { hazard, place, shareHazards, type Placed } from '../build.js';
import type { PlanContext } from '../context.js';
import { op, qname } from '../ops.js';
import { commentStep } from './comments.js';
import { columnsUsing, rebuildThroughTemporaryType, temporaryName } from './type-rebuild.js';
import { commentQualified } from '../../sql/ident.js';

/**
 * A domain's base type and collation cannot be altered. Unused, it is dropped and created again.
 * Used, it is rebuilt through a temporary type (type-rebuild.ts). Values the new base type or the domain's checks
 * reject make the conversion fail. Runs in the contract phase, like an enum rebuild: the old
 * application version may still write values only the old type accepts.
 */
export function domainRebuild(change: AlterChange<'domain'>, ctx: PlanContext): Placed[] {
  const { from, to } = change;
  const users = columnsUsing(ctx, to.schema, to.name);
  const what = `domain ${commentQualified(to.schema, to.name)}`;
  // the new domain carries no comment yet, whatever the old one had
  const comment = commentStep(change, { on: 'type', object: qname(to.schema, to.name) }, null, to.comment, 'rebuild-domains');
  if (users.length === 0) {
    return [
      place('rebuild-domains', change, op('drop-domain', { domain: qname(from.schema, from.name) }), { reverse: null }),
      place('rebuild-domains', change, op('create-domain', { domain: to }), { reverse: null }),
      ...comment,
    ];
  }
  const temp = temporaryName(to.name);
  const danger = hazard('data-loss', 'high', `${what} changes from ${from.baseType} to ${to.baseType}: values that do not convert make the migration fail`);
  const rewrite = hazard('rewrite', 'high', `columns of ${what} are rewritten under ACCESS EXCLUSIVE`);
  const steps = rebuildThroughTemporaryType({
    slot: 'rebuild-domains',
    change,
    schema: to.schema,
    temp,
    users,
    create: op('create-domain', { domain: { ...to, name: temp } }),
    dropOld: op('drop-domain', { domain: qname(from.schema, from.name) }),
    rename: op('alter-domain', { domain: qname(to.schema, temp), action: { kind: 'rename', newName: to.name } }),
    danger,
    rewrite,
  });
  return [...shareHazards(steps), ...comment];
}
