import type { DropChange } from '../diff/change.js';
import type { ForeignKeyConstraint, Model } from '../model/types.js';
import { place, type Placed } from './build.js';
import { op, qname } from './ops.js';
import { dropTable } from './strategies/tables.js';

const key = (schema: string, name: string): string => `${schema}.${name}`;

/**
 * Dropped tables in reverse dependency order: a table referenced by another dropped table's foreign
 * key is dropped after it. Tables in a foreign key cycle have those keys dropped first (the only
 * order that works without CASCADE, which could take objects pgtide was not asked to drop).
 */
export function orderTableDrops(drops: readonly DropChange<'table'>[], from: Model): Placed[] {
  const byKey = new Map(drops.map((d) => [key(d.from.schema, d.from.name), d]));
  const fks: ForeignKeyConstraint[] = [];
  for (const c of from.constraint.values()) {
    if (c.type !== 'foreign-key') continue;
    const a = key(c.schema, c.table);
    const b = key(c.references.schema, c.references.table);
    if (a !== b && byKey.has(a) && byKey.has(b)) fks.push(c);
  }
  const remaining = new Set([...byKey.keys()].sort());
  const order: string[] = [];
  // Kahn's algorithm: a table can go once no remaining table references it.
  for (;;) {
    const next = [...remaining].find((t) => !fks.some((c) =>
      key(c.references.schema, c.references.table) === t && remaining.has(key(c.schema, c.table))));
    if (next === undefined) break;
    order.push(next);
    remaining.delete(next);
  }
  const out: Placed[] = [];
  for (const c of fks) {
    const owner = key(c.schema, c.table);
    if (!remaining.has(owner) || !remaining.has(key(c.references.schema, c.references.table))) continue;
    const source = byKey.get(owner)!;
    const [drop] = dropTable(source);
    out.push(place('drop-table-foreign-keys', source, op('drop-constraint', { table: qname(c.schema, c.table), name: c.name }), {
      hazards: drop!.step.hazards, reverse: null,
    }));
  }
  order.push(...remaining);
  return [...out, ...order.flatMap((k) => dropTable(byKey.get(k)!))];
}
