import type { AlterChange, Change } from '../diff/change.js';
import { hazard, place, type Placed } from './build.js';
import type { PlanContext } from './context.js';
import { relationId } from '../model/ids.js';
import { columnKey } from '../resolve/facts.js';
import { touchingColumn } from '../resolve/refreshed-keys.js';
import { op, qname } from './ops.js';
import { classifyTypeChange } from '../resolve/type-change.js';
import { columnsUsing } from './strategies/type-rebuild.js';
import { onlyAdditions } from './strategies/enums.js';
import { commentIdent, commentQualified } from '../sql/ident.js';

/**
 * The foreign keys over columns that change type (resolve/refreshed-keys.ts): dropped first, added
 * again after the type changes (in contract after a lossy one).
 */
export function refreshForeignKeys(ctx: PlanContext): Placed[] {
  const out: Placed[] = [];
  for (const { fk, current, source } of ctx.resolved.refreshedKeys) {
    const lossy = classifyTypeChange(source.from.type, source.to.type) === 'lossy';
    const t = qname(fk.schema, fk.table);
    out.push(place('drop-foreign-keys', source, op('drop-constraint', { table: t, name: fk.name }), {
      reverse: op('add-constraint', { constraint: current, notValid: false }),
    }));
    out.push(place(lossy ? 'contract-foreign-keys' : 'foreign-keys', source, op('add-constraint', { constraint: fk, notValid: false }), {
      rewrites: 'scan',
      reverse: op('drop-constraint', { table: t, name: fk.name }),
    }));
  }
  return out;
}

/**
 * An enum rebuild retypes its columns one at a time (enum-rebuild.ts), so a foreign key between two
 * of them would compare the new type with the old one. Every foreign key with a column of a rebuilt
 * enum on either side is dropped before the rebuilds and added back after them: NOT VALID, then
 * validated (a scan that lets reads and writes through), as new foreign keys on existing tables are.
 */
export function refreshEnumForeignKeys(changes: readonly Change[], ctx: PlanContext): Placed[] {
  const rebuilt = new Map<string, AlterChange<'enum'>>();
  for (const c of changes) {
    if (c.kind !== 'enum.alter' || !c.fields.includes('values') || onlyAdditions(c.from.values, c.to.values)) continue;
    for (const { table, column } of columnsUsing(ctx, c.to.schema, c.to.name)) {
      rebuilt.set(columnKey(table.schema, table.name, column.name), c);
    }
  }
  if (rebuilt.size === 0) return [];
  const out: Placed[] = [];
  for (const fk of ctx.to.constraint.values()) {
    if (fk.type !== 'foreign-key') continue;
    const source = touchingColumn(fk, rebuilt);
    if (source === undefined) continue;
    const t = qname(fk.schema, fk.table);
    const drop = op('drop-constraint', { table: t, name: fk.name });
    // A partitioned table takes no NOT VALID foreign key: added back in one statement.
    const notValid = fk.notValid || ctx.to.table.get(relationId('table', fk.schema, fk.table))?.partitionBy === undefined;
    out.push(place('drop-enum-foreign-keys', source, drop, { reverse: null }));
    out.push(place('enum-foreign-keys', source, op('add-constraint', { constraint: fk, notValid }), {
      lock: 'SHARE ROW EXCLUSIVE', reverse: drop,
    }));
    if (notValid && !fk.notValid) {
      out.push(place('enum-foreign-keys', source, op('validate-constraint', { table: t, name: fk.name }), {
        hazards: [hazard('validation-scan', 'medium', `validating ${commentIdent(fk.name)} scans ${commentQualified(fk.schema, fk.table)}`)],
        rewrites: 'scan',
        reverse: null,
      }));
    }
  }
  return out;
}
