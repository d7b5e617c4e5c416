import type { CheckConstraint, ExclusionConstraint, PrimaryKeyConstraint, UniqueConstraint } from '../../model/types.js';
import { CONSTRAINT, isConstraintBuilder, type ConstraintState, type ExclusionState } from '../constraints.js';
import { isIndexBuilder } from '../index-builder.js';
import type { Location } from '../location.js';
import { nameAddition } from '../../model/naming.js';
import type { BoundColumn, TableDef } from '../bound-column.js';
import { ownColumns } from './own-columns.js';
import { foreignKeySpecs } from './foreign-keys.js';
import type { Reporter } from './report.js';
import type { Spec } from './spec.js';
import { tableLabel } from './names.js';

const base = (table: TableDef, name: string) => ({
  kind: 'constraint' as const,
  schema: table.schema,
  table: table.name,
  name,
});

function primaryKeySpec(table: TableDef, columns: string[], s: Pick<ConstraintState, 'name' | 'deferrable' | 'initiallyDeferred' | 'comment' | 'location'>): Spec {
  return {
    table, location: s.location, explicit: s.name, addition: null, label: 'pkey', isRelation: true,
    describe: 'primary key',
    build: (name): PrimaryKeyConstraint => ({ ...base(table, name), type: 'primary-key', columns, deferrable: s.deferrable, initiallyDeferred: s.initiallyDeferred, comment: s.comment }),
  };
}

function uniqueSpec(table: TableDef, columns: string[], s: Pick<ConstraintState, 'name' | 'deferrable' | 'initiallyDeferred' | 'comment' | 'location'>, nullsNotDistinct: boolean): Spec {
  return {
    table, location: s.location, explicit: s.name, addition: nameAddition(columns), label: 'key', isRelation: true,
    describe: `unique constraint on (${columns.join(', ')})`,
    build: (name): UniqueConstraint => ({ ...base(table, name), type: 'unique', columns, nullsNotDistinct, deferrable: s.deferrable, initiallyDeferred: s.initiallyDeferred, comment: s.comment }),
  };
}

function checkSpec(table: TableDef, column: string | null, expression: string, explicit: string | null, location: Location | null, extra: { noInherit: boolean; notValid?: boolean; comment: string | null }): Spec {
  return {
    table, location, explicit, addition: column, label: 'check', isRelation: false,
    describe: `check constraint (${expression})`,
    build: (name): CheckConstraint => ({ ...base(table, name), type: 'check', expression, noInherit: extra.noInherit, deferrable: false, initiallyDeferred: false, comment: extra.comment, ...(extra.notValid ? { notValid: true } : {}) }),
  };
}

/** Its index is a relation named like the constraint, so the name shares pg_class's namespace. */
function exclusionSpec(table: TableDef, s: ExclusionState): Spec {
  return {
    table, location: s.location, explicit: s.name, addition: null, label: 'excl', isRelation: true,
    describe: `exclusion constraint (${s.definition})`,
    build: (name): ExclusionConstraint => ({ ...base(table, name), type: 'exclusion', definition: s.definition, deferrable: s.deferrable, initiallyDeferred: s.initiallyDeferred, comment: s.comment }),
  };
}

function columnSpecs(table: TableDef, column: BoundColumn, report: Reporter): Spec[] {
  const s = column.state;
  const common = { deferrable: false, initiallyDeferred: false, comment: null, location: s.location };
  const specs: Spec[] = [];
  if (s.primaryKey) specs.push(primaryKeySpec(table, [column.name], { ...common, name: s.primaryKey.name }));
  if (s.unique) specs.push(uniqueSpec(table, [column.name], { ...common, name: s.unique.name }, s.unique.nullsNotDistinct));
  for (const c of s.checks) specs.push(checkSpec(table, column.name, c.expression, c.name, s.location, { noInherit: false, comment: null }));
  specs.push(...foreignKeySpecs.fromColumn(table, column, report));
  return specs;
}

function extraSpec(table: TableDef, state: ConstraintState, report: Reporter): Spec {
  switch (state.type) {
    case 'primary-key':
      return primaryKeySpec(table, ownColumns(table, state.columns, state.location, 'primary key', report), state);
    case 'unique':
      return uniqueSpec(table, ownColumns(table, state.columns, state.location, 'unique constraint', report), state, state.nullsNotDistinct);
    case 'check':
      return checkSpec(table, null, state.expression, state.name, state.location, state);
    case 'exclusion':
      return exclusionSpec(table, state);
    case 'foreign-key':
      return foreignKeySpecs.fromTable(table, state, report);
    default: {
      const never: never = state;
      throw new Error(`unknown constraint ${JSON.stringify(never)}`);
    }
  }
}

/** Every constraint of a table (column-level first, then table-level, as the server orders them). */
export function constraintSpecs(table: TableDef, report: Reporter): Spec[] {
  const specs = table.columns.flatMap((column) => columnSpecs(table, column, report));
  for (const extra of table.extras) {
    if (isIndexBuilder(extra)) continue;
    if (!isConstraintBuilder(extra)) {
      report.fail(table, table.location, tableLabel(table), `The extras of table ${tableLabel(table)} contain something that is not an index(), primaryKey(), unique(), foreignKey(), check() or exclude()`);
    }
    specs.push(extraSpec(table, extra[CONSTRAINT], report));
  }
  const keys = specs.filter((s) => s.label === 'pkey');
  if (keys.length > 1) {
    report.fail(table, keys[1]?.location ?? table.location, tableLabel(table), `Table ${tableLabel(table)} declares more than one primary key; use one composite primaryKey(…) instead`);
  }
  return specs;
}
