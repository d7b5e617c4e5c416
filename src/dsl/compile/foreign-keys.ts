import type { ForeignKeyConstraint, FkAction } from '../../model/types.js';
import type { ReferenceOptions } from '../bound-column.js';
import type { ForeignKeyState } from '../constraints.js';
import type { Location } from '../location.js';
import { nameAddition } from '../../model/naming.js';
import { isTableColumn, TABLE_COLUMN, type BoundColumn, type TableDef } from '../bound-column.js';
import { ownColumns } from './own-columns.js';
import { tableLabel } from './names.js';
import type { Reporter } from './report.js';
import type { Spec } from './spec.js';

interface FkShape {
  readonly explicit: string | null;
  readonly location: Location | null;
  readonly columns: readonly string[];
  readonly target: TableDef;
  readonly targetColumns: readonly string[];
  readonly onDelete: FkAction;
  readonly onUpdate: FkAction;
  readonly match: 'simple' | 'full';
  readonly deferrable: boolean;
  readonly initiallyDeferred: boolean;
  readonly comment: string | null;
  readonly notValid?: boolean;
}

function fkSpec(table: TableDef, fk: FkShape): Spec {
  return {
    table,
    location: fk.location,
    explicit: fk.explicit,
    addition: nameAddition(fk.columns),
    label: 'fkey',
    isRelation: false,
    describe: `foreign key (${fk.columns.join(', ')})`,
    references: { table: fk.target, columns: fk.targetColumns },
    build: (name): ForeignKeyConstraint => ({
      kind: 'constraint',
      schema: table.schema,
      table: table.name,
      name,
      type: 'foreign-key',
      columns: fk.columns,
      references: { schema: fk.target.schema, table: fk.target.name, columns: fk.targetColumns },
      onDelete: fk.onDelete,
      onUpdate: fk.onUpdate,
      match: fk.match,
      deferrable: fk.deferrable,
      initiallyDeferred: fk.initiallyDeferred,
      comment: fk.comment,
      ...(fk.notValid ? { notValid: true } : {}),
    }),
  };
}

/** Runs a reference thunk; a thrown error (usually an import cycle) becomes a SchemaError. */
function resolveTargets(table: TableDef, location: Location | null, what: string, thunk: () => unknown, report: Reporter): BoundColumn[] {
  let result: unknown;
  try {
    result = thunk();
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    report.fail(table, location, tableLabel(table), `The ${what} on ${tableLabel(table)} could not resolve its referenced column (${reason})`);
  }
  const list = Array.isArray(result) ? (result as unknown[]) : [result];
  if (list.length === 0) report.fail(table, location, tableLabel(table), `The ${what} on ${tableLabel(table)} references no columns`);
  return list.map((target) => {
    if (!isTableColumn(target)) {
      report.fail(table, location, tableLabel(table), `The ${what} on ${tableLabel(table)} references a column that does not exist (got ${target === undefined ? 'undefined' : typeof target})`);
    }
    return target[TABLE_COLUMN];
  });
}

function targetTable(table: TableDef, location: Location | null, what: string, targets: readonly BoundColumn[], report: Reporter): TableDef {
  const first = targets[0]!.table;
  if (targets.some((t) => t.table !== first)) {
    report.fail(table, location, tableLabel(table), `The ${what} on ${tableLabel(table)} references columns of more than one table`);
  }
  return first;
}

function fromColumn(table: TableDef, column: BoundColumn, report: Reporter): Spec[] {
  const what = `foreign key of column ${column.name}`;
  return column.state.references.map(({ target, options }: { target: () => unknown; options: ReferenceOptions }) => {
    const targets = resolveTargets(table, column.state.location, what, target, report);
    return fkSpec(table, {
      explicit: options.name ?? null,
      location: column.state.location,
      columns: [column.name],
      target: targetTable(table, column.state.location, what, targets, report),
      targetColumns: targets.map((t) => t.name),
      onDelete: options.onDelete ?? 'no action',
      onUpdate: options.onUpdate ?? 'no action',
      match: options.match ?? 'simple',
      deferrable: options.deferrable ?? options.initiallyDeferred ?? false,
      initiallyDeferred: options.initiallyDeferred ?? false,
      comment: null,
    });
  });
}

function fromTable(table: TableDef, state: ForeignKeyState, report: Reporter): Spec {
  const columns = ownColumns(table, state.columns, state.location, 'foreign key', report);
  const what = `foreign key (${columns.join(', ')})`;
  const targets = resolveTargets(table, state.location, what, state.references, report);
  if (targets.length !== columns.length) {
    report.fail(table, state.location, tableLabel(table), `The ${what} on ${tableLabel(table)} has ${columns.length} column(s) but references ${targets.length}`);
  }
  return fkSpec(table, {
    explicit: state.name,
    location: state.location,
    columns,
    target: targetTable(table, state.location, what, targets, report),
    targetColumns: targets.map((t) => t.name),
    onDelete: state.onDelete,
    onUpdate: state.onUpdate,
    match: state.match,
    deferrable: state.deferrable,
    initiallyDeferred: state.initiallyDeferred,
    comment: state.comment,
    notValid: state.notValid,
  });
}

export const foreignKeySpecs = { fromColumn, fromTable };
