import type { Change, ChangeKind, DiffResult, DropChange, TableRecreate } from '../diff/change.js';
import type { Model } from '../model/types.js';
import type { Placed } from './build.js';
import { clusterWork } from './cluster.js';
import { PlanContext } from './context.js';
import { timeoutsFor, type PlanOptions } from './options.js';
import { orderTableDrops } from './order.js';
import { refreshEnumForeignKeys, refreshForeignKeys } from './refresh.js';
import { generatedSteps } from './generated.js';
import { resolve } from '../resolve/index.js';
import { reuseLeftHelpers } from './leftovers.js';
import { SLOT_INDEX } from './slots.js';
import type { Plan } from './step.js';
import { alterColumn } from './strategies/column-alter.js';
import { addColumn, dropColumn, renameColumn } from './strategies/columns.js';
import { alterConstraint, createConstraint, dropConstraint, renameConstraint } from './strategies/constraints.js';
import { alterEnum, createEnum, dropEnum, renameEnum } from './strategies/enums.js';
import { alterExtension, createExtension, dropExtension } from './strategies/extensions.js';
import { alterIndex, createIndex, dropIndex, renameIndex } from './strategies/indexes.js';
import { alterSchema, createSchema, dropSchema } from './strategies/schemas.js';
import { alterSequence, createSequence, dropSequence, renameSequence } from './strategies/sequences.js';
import { alterTable, createTable, renameTable } from './strategies/tables.js';
import { dropRecreatedTables, recreateTable } from './strategies/recreate.js';
import { alterView, createView, dropView } from './strategies/views.js';
import { alterRoutine, createRoutine, dropRoutine } from './strategies/routines.js';
import { alterTrigger, createTrigger, dropTrigger } from './strategies/triggers.js';
import { alterPolicy, createPolicy, dropPolicy } from './strategies/policies.js';
import { alterPrivilege, createPrivilege, dropPrivilege } from './strategies/privileges.js';
import { alterCollation, createCollation, dropCollation } from './strategies/collations.js';
import { alterDomain, createDomain, dropDomain } from './strategies/domains.js';
import { alterCompositeType, createCompositeType, dropCompositeType } from './strategies/composite-types.js';
import { alterDefaultPrivileges, createDefaultPrivileges, dropDefaultPrivileges } from './strategies/default-privileges.js';
import { alterEventTrigger, createEventTrigger, dropEventTrigger } from './strategies/event-triggers.js';
import { alterStatistics, createStatistics, dropStatistics } from './strategies/statistics.js';
import { alterRule, createRule, dropRule } from './strategies/rules.js';
import { alterRangeType, createRangeType, dropRangeType } from './strategies/range-types.js';
import { alterAggregate, createAggregate, dropAggregate } from './strategies/aggregates.js';
import { alterPublication, createPublication, dropPublication } from './strategies/publications.js';

export type { Hazard, HazardKind, LockLevel, Phase, Plan, Risk, Step, StepTimeouts } from './step.js';
export { DEFAULT_PLAN_OPTIONS, isLongRunning, type PlanOptions } from './options.js';
export { PHASES } from './step.js';
export type { Op, OpKind } from './ops.js';

type Strategy<C extends Change> = (change: C, ctx: PlanContext) => Placed[];

/** Table drops are ordered together (order.ts), so their per-change strategy places nothing. */
const deferToOrder = (): Placed[] => [];

/** One strategy per change kind; a new kind without one does not compile. */
const STRATEGIES: { readonly [K in ChangeKind]: Strategy<Extract<Change, { kind: K }>> } = {
  'schema.create': createSchema,
  'schema.drop': dropSchema,
  'schema.alter': alterSchema,
  'extension.create': createExtension,
  'extension.drop': dropExtension,
  'extension.alter': alterExtension,
  'enum.create': createEnum,
  'enum.drop': dropEnum,
  'enum.alter': alterEnum,
  'enum.rename': renameEnum,
  'sequence.create': createSequence,
  'sequence.drop': dropSequence,
  'sequence.alter': alterSequence,
  'sequence.rename': renameSequence,
  'table.create': createTable,
  'table.drop': deferToOrder,
  'table.alter': alterTable,
  'table.rename': renameTable,
  'table.recreate': recreateTable,
  'column.add': addColumn,
  'column.drop': dropColumn,
  'column.alter': alterColumn,
  'column.rename': renameColumn,
  'constraint.create': createConstraint,
  'constraint.drop': dropConstraint,
  'constraint.alter': alterConstraint,
  'constraint.rename': renameConstraint,
  'index.create': createIndex,
  'index.drop': dropIndex,
  'index.alter': alterIndex,
  'index.rename': renameIndex,
  'view.create': createView,
  'view.drop': dropView,
  'view.alter': alterView,
  'function.create': createRoutine,
  'function.drop': dropRoutine,
  'function.alter': alterRoutine,
  'trigger.create': createTrigger,
  'trigger.drop': dropTrigger,
  'trigger.alter': alterTrigger,
  'policy.create': createPolicy,
  'policy.drop': dropPolicy,
  'policy.alter': alterPolicy,
  'privilege.create': createPrivilege,
  'privilege.drop': dropPrivilege,
  'privilege.alter': alterPrivilege,
  'collation.create': createCollation,
  'collation.drop': dropCollation,
  'collation.alter': alterCollation,
  'domain.create': createDomain,
  'domain.drop': dropDomain,
  'domain.alter': alterDomain,
  'composite-type.create': createCompositeType,
  'composite-type.drop': dropCompositeType,
  'composite-type.alter': alterCompositeType,
  'default-privileges.create': createDefaultPrivileges,
  'default-privileges.drop': dropDefaultPrivileges,
  'default-privileges.alter': alterDefaultPrivileges,
  'event-trigger.create': createEventTrigger,
  'event-trigger.drop': dropEventTrigger,
  'event-trigger.alter': alterEventTrigger,
  'statistics.create': createStatistics,
  'statistics.drop': dropStatistics,
  'statistics.alter': alterStatistics,
  'rule.create': createRule,
  'rule.drop': dropRule,
  'rule.alter': alterRule,
  'range-type.create': createRangeType,
  'range-type.drop': dropRangeType,
  'range-type.alter': alterRangeType,
  'aggregate.create': createAggregate,
  'aggregate.drop': dropAggregate,
  'aggregate.alter': alterAggregate,
  'publication.create': createPublication,
  'publication.drop': dropPublication,
  'publication.alter': alterPublication,
};

function apply<K extends ChangeKind>(change: Extract<Change, { kind: K }>, ctx: PlanContext): Placed[] {
  const strategy = STRATEGIES[change.kind as K] as Strategy<Extract<Change, { kind: K }>>;
  return strategy(change, ctx);
}

/**
 * Turns a diff into ordered, phased steps. Each change becomes steps through its strategy; steps are
 * then ordered by slot (slots.ts), keeping the diff's deterministic order within a slot.
 */
export function planChanges(result: DiffResult, models: { from: Model; to: Model }, options?: Partial<PlanOptions>): Plan {
  const ctx = new PlanContext(resolve(result, models), options);
  const placed: Placed[] = generatedSteps(ctx);
  for (const change of result.changes) placed.push(...apply(change, ctx));
  const tableDrops = result.changes.filter((c): c is DropChange<'table'> => c.kind === 'table.drop');
  const recreates = result.changes.filter((c): c is TableRecreate => c.kind === 'table.recreate');
  const early = dropRecreatedTables(recreates, tableDrops, ctx);
  placed.push(...early.placed);
  placed.push(...orderTableDrops(tableDrops.filter((d) => !early.taken.has(d)), models.from));
  placed.push(...refreshForeignKeys(ctx));
  placed.push(...refreshEnumForeignKeys(result.changes, ctx));
  // Last: it looks for the steps that build each clustered index.
  placed.push(...clusterWork(result.changes, placed, ctx));
  const indexed = reuseLeftHelpers(placed, models.from).map((p, i) => ({ p, i }));
  indexed.sort((a, b) => SLOT_INDEX.get(a.p.slot)! - SLOT_INDEX.get(b.p.slot)! || a.i - b.i);
  return Object.freeze({
    steps: Object.freeze(indexed.map(({ p }) => Object.freeze({ ...p.step, timeouts: timeoutsFor(p.step, ctx.options) }))),
    suggestions: Object.freeze([...result.suggestions]),
    typeChanges: Object.freeze([...ctx.resolved.typeChanges.values()]),
  });
}
