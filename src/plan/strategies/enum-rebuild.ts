import type { AlterChange } from '../../diff/change.js';
import { hazard, type Placed } from '../build.js';
import type { PlanContext } from '../context.js';
import { op, qname } from '../ops.js';
import { columnsUsing, rebuildThroughTemporaryType, temporaryName } from './type-rebuild.js';
import { commentQualified } from '../../sql/ident.js';

/**
 * Removing or reordering enum values: PostgreSQL cannot, so the enum is rebuilt through a temporary
 * type (type-rebuild.ts). Rows holding a removed value make the conversion fail.
 */
export function enumRebuild(change: AlterChange<'enum'>, ctx: PlanContext): Placed[] {
  const { from, to } = change;
  const temp = temporaryName(to.name);
  const removed = from.values.filter((v) => !to.values.includes(v));
  const danger = hazard('data-loss', 'high', removed.length > 0
    ? `enum ${commentQualified(to.schema, to.name)} loses values ${removed.join(', ')}: rows holding them make the conversion fail`
    : `enum ${commentQualified(to.schema, to.name)} is rebuilt to reorder its values; every column using it is rewritten`);
  const rewrite = hazard('rewrite', 'high', `columns of type ${commentQualified(to.schema, to.name)} are rewritten under ACCESS EXCLUSIVE`);
  return rebuildThroughTemporaryType({
    slot: 'rebuild-enums',
    change,
    schema: to.schema,
    temp,
    users: columnsUsing(ctx, to.schema, to.name),
    create: op('create-enum', { type: qname(to.schema, temp), values: to.values }),
    dropOld: op('drop-enum', { type: qname(from.schema, from.name) }),
    rename: op('rename-enum', { type: qname(to.schema, temp), newName: to.name }),
    danger,
    rewrite,
  });
}
