import type { Change, DropChange } from '../../diff/change.js';
import { relationId } from '../../model/ids.js';
import { sameValue } from '../../diff/guard.js';
import type { Index, Model, Table } from '../../model/types.js';
import { hazard, place, type Placed } from '../build.js';
import { op, qname, type TableOptionChange, type TableOptions } from '../ops.js';
import type { Slot } from '../slots.js';
import { commentIdent, commentQualified } from '../../sql/ident.js';

const nameOf = (t: Table) => qname(t.schema, t.name);

/** The CREATE TABLE options of a table, or undefined for a plain one. */
export function createOptions(t: Table): TableOptions | undefined {
  const { unlogged, partitionBy, partitionOf, inherits } = t;
  if (unlogged === undefined && partitionBy === undefined && partitionOf === undefined && inherits === undefined) return undefined;
  return {
    ...(unlogged !== undefined ? { unlogged } : {}),
    ...(partitionBy !== undefined ? { partitionBy } : {}),
    ...(partitionOf !== undefined ? { partitionOf } : {}),
    ...(inherits !== undefined ? { inherits } : {}),
  };
}

function option(
  source: Change, t: Table, change: TableOptionChange, undo: TableOptionChange,
  opts: { rewrite?: string; slot?: Slot } = {},
): Placed {
  return place(opts.slot ?? 'row-security', source, op('set-table-option', { table: nameOf(t), option: change }), {
    hazards: opts.rewrite ? [hazard('rewrite', 'medium', opts.rewrite)] : [],
    rewrites: opts.rewrite ? 'rewrite' : 'none',
    reverse: op('set-table-option', { table: nameOf(t), option: undo }),
  });
}

function partitionSteps(source: Change, from: Table, to: Table): Placed[] {
  const a = from.partitionOf;
  const b = to.partitionOf;
  if (sameValue(a, b)) return [];
  const out: Placed[] = [];
  if (a !== undefined) {
    const parent = qname(a.schema, a.table);
    out.push(option(source, to, { kind: 'detach', parent }, { kind: 'attach', parent, bound: a.bound }, { slot: 'detach-tables' }));
  }
  if (b !== undefined) {
    const parent = qname(b.schema, b.table);
    out.push(option(source, to, { kind: 'attach', parent, bound: b.bound }, { kind: 'detach', parent }));
  }
  return out;
}

function inheritSteps(source: Change, from: Table, to: Table): Placed[] {
  const key = (p: { schema: string; table: string }) => `${p.schema}.${p.table}`;
  const before = from.inherits ?? [];
  const after = to.inherits ?? [];
  const out: Placed[] = [];
  for (const p of before) {
    if (after.some((x) => key(x) === key(p))) continue;
    out.push(option(source, to, { kind: 'no-inherit', parent: qname(p.schema, p.table) }, { kind: 'inherit', parent: qname(p.schema, p.table) }, {
      slot: 'detach-tables',
    }));
  }
  for (const p of after) {
    if (before.some((x) => key(x) === key(p))) continue;
    out.push(option(source, to, { kind: 'inherit', parent: qname(p.schema, p.table) }, { kind: 'no-inherit', parent: qname(p.schema, p.table) }));
  }
  return out;
}

/**
 * ALTER TABLE steps for table-level properties of a table that stays (`from` set) or is new (only
 * what CREATE TABLE cannot say: the replica identity, which may name an index built after it).
 */
export function tableOptionSteps(source: Change, from: Table | null, to: Table): Placed[] {
  const out: Placed[] = [];
  if (from !== null) {
    const was = from.unlogged ?? false;
    const is = to.unlogged ?? false;
    if (was !== is) {
      out.push(option(source, to, { kind: 'logged', unlogged: is }, { kind: 'logged', unlogged: was }, {
        rewrite: `SET ${is ? 'UNLOGGED' : 'LOGGED'} rewrites ${commentQualified(to.schema, to.name)} under ACCESS EXCLUSIVE`,
      }));
    }
    out.push(...partitionSteps(source, from, to), ...inheritSteps(source, from, to));
  }
  const before = from?.replicaIdentity ?? 'default';
  const after = to.replicaIdentity ?? 'default';
  if (!sameValue(before, after)) out.push(option(source, to, { kind: 'replica-identity', identity: after }, { kind: 'replica-identity', identity: before }));
  return out;
}

/** Whether the index belongs to a partitioned table of the model. */
export function onPartitionedTable(model: Model, i: Index): boolean {
  return model.table.get(relationId('table', i.schema, i.table))?.partitionBy !== undefined;
}

/** DROP INDEX (not CONCURRENTLY, which partitioned indexes do not allow); it takes the partitions' indexes along. */
export function dropPartitionedIndex(change: DropChange<'index'>): Placed[] {
  const i = change.from;
  return [place('drop-indexes', change, op('drop-index', { index: qname(i.schema, i.name), concurrently: false }), {
    hazards: [hazard('blocking-lock', 'medium', `DROP INDEX ${commentIdent(i.name)} locks partitioned table ${commentQualified(i.schema, i.table)} and its partitions`)],
    reverse: op('create-index', { index: i, concurrently: false }),
  })];
}
