import type { AlterChange, Change, ColumnAlter } from '../diff/change.js';
import type { ForeignKeyConstraint } from '../model/types.js';
import { hazard, place, type Placed } from './build.js';
import type { PlanContext } from './context.js';
import { objectId, relationId } from '../model/ids.js';
import { op, qname } from './ops.js';
import { classifyTypeChange } from '../resolve/type-change.js';
import { columnsUsing } from './strategies/type-rebuild.js';
import { onlyAdditions } from './strategies/enums.js';
import { commentIdent, commentQualified } from '../sql/ident.js';

/**
 * A foreign key whose columns change type (on either side) cannot stay while the two sides are
 * altered one after the other: between the statements the types no longer match. It is dropped
 * first and added again after the type changes, unless the diff already recreates it.
 */
export function refreshForeignKeys(changes: readonly Change[], ctx: PlanContext): Placed[] {
  const retyped = new Map<string, ColumnAlter>();
  for (const c of changes) {
    if (c.kind !== 'column.alter' || !c.fields.includes('type')) continue;
    if (classifyTypeChange(c.from.type, c.to.type) === 'binary') continue;
    retyped.set(`${c.table.schema}\u0000${c.table.name}\u0000${c.to.name}`, c);
  }
  if (retyped.size === 0) return [];
  const recreated = new Set(changes.filter((c) => c.kind === 'constraint.create').map((c) => c.id));
  const out: Placed[] = [];
  for (const fk of ctx.to.constraint.values()) {
    if (fk.type !== 'foreign-key' || recreated.has(objectId(fk))) continue;
    const current = ctx.from.constraint.get(objectId(fk));
    if (current === undefined || current.type !== 'foreign-key') continue;
    const source = touchingColumn(fk, retyped);
    if (source === undefined) continue;
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

/** The change behind the first of the key's columns (either side) found in `changed`, keyed schema\0table\0column. */
function touchingColumn<C>(fk: ForeignKeyConstraint, retyped: ReadonlyMap<string, C>): C | undefined {
  for (const col of fk.columns) {
    const hit = retyped.get(`${fk.schema}\u0000${fk.table}\u0000${col}`);
    if (hit) return hit;
  }
  const ref = fk.references;
  for (const col of ref.columns) {
    const hit = retyped.get(`${ref.schema}\u0000${ref.table}\u0000${col}`);
    if (hit) return hit;
  }
  return undefined;
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
      rebuilt.set(`${table.schema}\u0000${table.name}\u0000${column.name}`, c);
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
