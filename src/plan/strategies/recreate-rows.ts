import type { TableRecreate } from '../../diff/change.js';
import type { Column } from '../../model/types.js';
import { hazard, place, type Placed } from '../build.js';
import { helperName } from '../names.js';
import { op, qname, type QName, type RestoredColumn } from '../ops.js';
import type { Hazard } from '../step.js';
import { defaultConversion } from '../../resolve/type-change.js';
import { commentIdent, commentQualified } from '../../sql/ident.js';

/**
 * A table rebuilt for its column order (columnOrder 'exact') keeps its rows: before the old table is
 * dropped, writes are made to wait, its rows are copied into a plain table beside it together with
 * the counters of its identity sequences (dropped with it); once the new table exists they go back,
 * before its indexes and constraints are built. Serial sequences need nothing: they are released
 * and owned again by the recreate strategy, so they keep their place.
 */

export function keepsRows(change: TableRecreate): boolean {
  return change.reason.kind === 'column-order';
}

const holdingTables = (change: TableRecreate): { rows: QName; counters: QName } => ({
  rows: qname(change.from.schema, helperName(change.from.name, '__pgtide_rows')),
  counters: qname(change.from.schema, helperName(change.from.name, '__pgtide_ids')),
});

/** The old column whose values a new column takes: same name, or the one it is hinted renamed from. */
function sourceOf(change: TableRecreate, col: Column): Column | undefined {
  const same = change.from.columns.find((c) => c.name === col.name);
  if (same !== undefined || col.renamedFrom === undefined) return same;
  if (change.to.columns.some((c) => c.name === col.renamedFrom)) return undefined;
  return change.from.columns.find((c) => c.name === col.renamedFrom);
}

/** Values of every new column that is not computed and had an old column, converted as a retype would. */
function restoredColumns(change: TableRecreate): RestoredColumn[] {
  const out: RestoredColumn[] = [];
  for (const col of change.to.columns) {
    const source = sourceOf(change, col);
    if (col.generated !== null) continue;
    if (source === undefined) {
      // A new NOT NULL column is filled as its backfill would fill it (defaults fill the others).
      if (col.backfill !== undefined && col.default === null) out.push({ name: col.name, value: { kind: 'sql', text: col.backfill } });
      continue;
    }
    if (source.type === col.type) {
      out.push({ name: col.name, value: { kind: 'column', name: source.name } });
    } else if (col.using !== undefined) {
      out.push({ name: col.name, value: { kind: 'sql', text: col.using } });
    } else {
      const table = `${change.to.schema}.${change.to.name}`;
      out.push({ name: col.name, value: { kind: 'cast', name: source.name, type: col.type, using: defaultConversion(table, col.name, source.type, col.type) } });
    }
  }
  return out;
}

/** Identity columns on both sides: the new identity sequence continues where the old one was. */
function carriedCounters(change: TableRecreate): { from: string; to: string }[] {
  return change.to.columns.flatMap((col) => {
    const source = sourceOf(change, col);
    return col.identity !== null && source?.identity != null ? [{ from: source.name, to: col.name }] : [];
  });
}

/** The hazards of a rebuild that keeps its rows: only the columns the schema drops lose values. */
export function keepRowsHazards(change: TableRecreate): Hazard[] {
  const name = commentQualified(change.from.schema, change.from.name);
  const taken = new Set(change.to.columns.map((c) => sourceOf(change, c)?.name).filter((n) => n !== undefined));
  const lost = change.from.columns.filter((c) => !taken.has(c.name) && c.generated === null).map((c) => c.name);
  return [
    hazard('rewrite', 'high',
      `table ${name} is rebuilt to put its columns in the declared order (columnOrder 'exact'): its rows are copied out and back while writes wait, `
      + 'and views, policies, triggers, indexes, constraints and foreign keys on it are created again'),
    ...(lost.length === 0 ? [] : [hazard('data-loss', 'high', `column(s) ${lost.map(commentIdent).join(', ')} of ${name} are not in the rebuilt table: their values are lost`)]),
  ];
}

/** Before the old table is dropped (slot drop-recreated-tables). */
export function holdRows(change: TableRecreate, hazards: readonly Hazard[]): Placed[] {
  const table = qname(change.from.schema, change.from.name);
  const held = holdingTables(change);
  const counters = carriedCounters(change).map((c) => c.from);
  const step = (o: Parameters<typeof place>[2]): Placed => place('drop-recreated-tables', change, o, { hazards, reverse: null });
  // Under FORCE ROW LEVEL SECURITY, with its policies already dropped, the owner would copy no row.
  const unforce = change.from.forceRowSecurity ? [step(op('set-row-security', { table, setting: 'no-force' }))] : [];
  return [
    step(op('lock-table', { table, mode: 'share' })),
    ...unforce,
    step(op('hold-rows', { table, holding: held.rows })),
    ...(counters.length === 0 ? [] : [step(op('hold-identity-counters', { table, holding: held.counters, columns: counters }))]),
  ];
}

/** Once the new table exists (slot restore-rows): rows, identity counters, then the holding tables go. */
export function restoreRows(change: TableRecreate, hazards: readonly Hazard[]): Placed[] {
  const table = qname(change.to.schema, change.to.name);
  const held = holdingTables(change);
  const counters = carriedCounters(change);
  const step = (o: Parameters<typeof place>[2]): Placed => place('restore-rows', change, o, { hazards, reverse: null });
  const restore = counters.length === 0 ? [] : [
    step(op('restore-identity-counters', { table, holding: held.counters, columns: counters.map((c) => ({ column: c.to, held: c.from })) })),
    step(op('drop-table', { table: held.counters })),
  ];
  return [
    step(op('restore-rows', { table, holding: held.rows, columns: restoredColumns(change) })),
    ...restore,
    step(op('drop-table', { table: held.rows })),
  ];
}
