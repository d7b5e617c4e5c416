import type { DropChange } from '../diff/change.js';
import type { ForeignKeyConstraint, Model, Table } from '../model/types.js';
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
  const edges = [
    ...fks.map((c) => [key(c.schema, c.table), key(c.references.schema, c.references.table)] as const),
    ...childEdges(byKey),
  ];
  const order = kahn(remaining, edges);
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

/** Items (each about one current-side table) ordered so that partitions and INHERITS children come before their parents. */
export function childrenFirst<T extends { readonly from: Table }>(items: readonly T[]): T[] {
  const byKey = new Map(items.map((d) => [key(d.from.schema, d.from.name), d] as const));
  const remaining = new Set([...byKey.keys()].sort());
  const order = kahn(remaining, childEdges(byKey));
  order.push(...remaining);
  return order.map((k) => byKey.get(k)!);
}

/** A partition or INHERITS child that is also dropped must go before its parent. */
function childEdges(byKey: ReadonlyMap<string, { readonly from: Table }>): (readonly [string, string])[] {
  const edges: (readonly [string, string])[] = [];
  for (const [k, d] of byKey) {
    const t = d.from;
    const parents = [...(t.partitionOf ? [t.partitionOf] : []), ...(t.inherits ?? [])];
    for (const p of parents) {
      const parent = key(p.schema, p.table);
      if (parent !== k && byKey.has(parent)) edges.push([k, parent]);
    }
  }
  return edges;
}

/**
 * Kahn's algorithm over edges (owner, target) meaning "owner must be dropped before target": a table
 * can go once no remaining table points at it; among those that can, the first by name goes first
 * (deterministic output). Removes the ordered tables from `remaining` and returns them; tables left
 * in `remaining` are in cycles.
 */
function kahn(remaining: Set<string>, edges: readonly (readonly [string, string])[]): string[] {
  const referencedBy = new Map<string, number>();
  const outgoing = new Map<string, string[]>();
  for (const [owner, target] of edges) {
    referencedBy.set(target, (referencedBy.get(target) ?? 0) + 1);
    const list = outgoing.get(owner);
    if (list) list.push(target);
    else outgoing.set(owner, [target]);
  }
  // Kept in descending order, so that pop() takes the first by name.
  const ready = [...remaining].filter((t) => !referencedBy.has(t)).reverse();
  const order: string[] = [];
  while (ready.length > 0) {
    const next = ready.pop()!;
    order.push(next);
    remaining.delete(next);
    for (const target of outgoing.get(next) ?? []) {
      const left = referencedBy.get(target)! - 1;
      referencedBy.set(target, left);
      if (left === 0) insertDescending(ready, target);
    }
  }
  return order;
}

function insertDescending(list: string[], item: string): void {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]! > item) lo = mid + 1;
    else hi = mid;
  }
  list.splice(lo, 0, item);
}
