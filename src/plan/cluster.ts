import type { AlterChange, Change } from '../diff/change.js';
import { objectId } from '../model/ids.js';
import type { Table } from '../model/types.js';
import { place, type Placed } from './build.js';
import type { PlanContext } from './context.js';
import { op, qname, type Op } from './ops.js';
import { SLOT_PHASE } from './slots.js';

/**
 * ALTER TABLE … CLUSTER ON / SET WITHOUT CLUSTER: catalog-only, under SHARE UPDATE EXCLUSIVE (the
 * server's lock for both forms since 9.4), so reads and writes go on.
 */
const LOCK = 'SHARE UPDATE EXCLUSIVE';

const clusterOp = (t: Table, index: string | null): Op =>
  op('set-table-option', { table: qname(t.schema, t.name), option: { kind: 'cluster', index } });

/**
 * The last step of the plan that builds an index of this name in the schema: a CREATE INDEX, the
 * rename that swaps a rebuilt index in, or a key or exclusion constraint added with its index. A
 * new index is never clustered, so the mark follows the last of them. Found among the placed steps
 * rather than the changes, because rebuilding a column (or a table) also builds its indexes again.
 */
function lastBuild(placed: readonly Placed[], schema: string, name: string): Placed | undefined {
  let found: Placed | undefined;
  for (const p of placed) if (builds(p.step.op, schema, name)) found = p;
  return found;
}

function builds(o: Op, schema: string, name: string): boolean {
  switch (o.kind) {
    case 'create-index':
      return o.index.schema === schema && o.index.name === name;
    case 'rename-index':
      return o.index.schema === schema && o.newName === name;
    case 'add-constraint':
      return o.constraint.schema === schema && o.constraint.name === name
        && o.constraint.type !== 'check' && o.constraint.type !== 'foreign-key';
    case 'add-constraint-using-index':
      return o.constraint.schema === schema && o.constraint.name === name;
    default:
      return false;
  }
}

/** The index (or the key that owns it) is renamed from `before` to `after`: its mark goes with it. */
function renamed(changes: readonly Change[], schema: string, before: string, after: string): boolean {
  return changes.some((c) => (c.kind === 'index.rename' || c.kind === 'constraint.rename')
    && c.from.schema === schema && c.from.name === before && c.to.name === after);
}

/** The plan drops the index (or its key) named `name`, and the mark with it. */
function dropped(placed: readonly Placed[], schema: string, name: string): boolean {
  return placed.some(({ step: { op: o } }) => (o.kind === 'drop-index' && o.index.schema === schema && o.index.name === name)
    || (o.kind === 'drop-constraint' && o.table.schema === schema && o.name === name));
}

/**
 * CLUSTER ON steps: right after the index is built (a new index, or one built again under the same
 * name, carries no mark), or for a table whose mark moves to an index that stays. SET WITHOUT
 * CLUSTER for a table that loses it, unless its index goes (and the mark with it).
 */
export function clusterWork(changes: readonly Change[], placed: readonly Placed[], ctx: PlanContext): Placed[] {
  const tableChanges = new Map<string, Change>();
  for (const c of changes) {
    if (c.kind === 'table.alter' || c.kind === 'table.create' || c.kind === 'table.recreate') tableChanges.set(objectId(c.to), c);
  }
  const out: Placed[] = [];
  for (const t of ctx.to.table.values()) {
    const name = t.clusterOn;
    if (name === undefined) continue;
    const source = tableChanges.get(objectId(t));
    const before = source?.kind === 'table.alter' ? source.from.clusterOn : undefined;
    const undo = clusterOp(t, before !== undefined && before !== name && !dropped(placed, t.schema, before) ? before : null);
    const build = lastBuild(placed, t.schema, name);
    if (build !== undefined) {
      const late = SLOT_PHASE.get(build.slot) === 'contract';
      out.push(place(late ? 'contract-cluster' : 'cluster', build.step.source, clusterOp(t, name), { lock: LOCK, reverse: undo }));
      continue;
    }
    if (source === undefined) continue;
    if (source.kind === 'table.alter' && (before === name || (before !== undefined && renamed(changes, t.schema, before, name)))) continue;
    out.push(place('cluster', source, clusterOp(t, name), { lock: LOCK, reverse: undo }));
  }
  for (const c of changes) {
    if (c.kind === 'table.alter') out.push(...unclusterStep(c, placed));
  }
  return out;
}

function unclusterStep(change: AlterChange<'table'>, placed: readonly Placed[]): Placed[] {
  const { from, to } = change;
  if (from.clusterOn === undefined || to.clusterOn !== undefined || dropped(placed, from.schema, from.clusterOn)) return [];
  return [place('cluster', change, clusterOp(to, null), { lock: LOCK, reverse: clusterOp(to, from.clusterOn) })];
}
