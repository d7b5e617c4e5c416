import type { DiffResult } from '../diff/change.js';
import { comparableNotNullNames } from '../model/not-null.js';
import type { Model } from '../model/types.js';
import { changeFacts, type ChangeFacts } from './facts.js';
import { generatedFacts, type GeneratedFacts } from './generated.js';
import { inheritedColumns, type InheritedAdd, type InheritedDrop } from './inherited-columns.js';
import { onlineRetypes, renameWays, typeChangeWays, type RenameWay } from './online.js';
import type { TypeChangeWay } from './type-change.js';
import { refreshedKeys, type RefreshedKey } from './refreshed-keys.js';
import { adoptedIndexes, partitionKeyAttaches, type PartitionKeyAttach } from './partition-keys.js';
import { lateViews, viewSlots, type ViewSlot } from './views.js';
import { readerStages, type ReaderStage } from './rules-statistics.js';

export type { ChangeFacts, RetypedColumn } from './facts.js';
export type { GeneratedFacts, GeneratedItem, GeneratedSlot, Retype } from './generated.js';
export type { InheritedAdd, InheritedDrop } from './inherited-columns.js';
export type { RenameWay, TableName } from './online.js';
export type { TypeChangeMethod, TypeChangeWay } from './type-change.js';
export type { RefreshedKey } from './refreshed-keys.js';
export type { PartitionKey, PartitionKeyAttach } from './partition-keys.js';
export type { ViewSlot } from './views.js';
export type { ReaderStage } from './rules-statistics.js';

/**
 * The facts about the whole change that the planner's strategies read, computed once between diff
 * and plan: a strategy decides nothing about other changes, it places the steps of its own.
 * `deferredTables` is final here: every table (or materialized view) whose column work, generated
 * columns or creation runs in contract, so that what is built on it waits.
 */
export interface Resolved extends ChangeFacts {
  /** How each column type change runs (by column.alter id): in place, a rewrite, or a shadow column. */
  readonly typeChanges: ReadonlyMap<string, TypeChangeWay>;
  /** column.alter ids whose type change goes through a shadow column. */
  readonly onlineRetypes: ReadonlySet<string>;
  /** Hinted column renames (by the column's desired id) and the way each runs. */
  readonly renames: ReadonlyMap<string, RenameWay>;
  /** Generated columns around retypes of the columns they read. */
  readonly generated: GeneratedFacts;
  /** The slot of each view of the desired model, by id. */
  readonly viewSlots: ReadonlyMap<string, ViewSlot>;
  /** Keys of partitioned tables (by id) completed partition by partition, and what each partition gets. */
  readonly partitionKeyAttaches: ReadonlyMap<string, readonly PartitionKeyAttach[]>;
  /** Partitions' indexes (by id) that the plan drops but a parent's key takes over instead. */
  readonly adoptedIndexes: ReadonlySet<string>;
  /** Foreign keys dropped and added again around type changes of their columns, in the desired model's order. */
  readonly refreshedKeys: readonly RefreshedKey[];
  /** Column adds (by change id) of a column an INHERITS child has from a parent that drops it. */
  readonly inheritedAdds: ReadonlyMap<string, InheritedAdd>;
  /** Column drops (by change id) of a parent whose children keep the column. */
  readonly inheritedDrops: ReadonlyMap<string, InheritedDrop>;
  /** When each rule of the desired model is created, by id. */
  readonly ruleStages: ReadonlyMap<string, ReaderStage>;
  /** When each statistics object of the desired model is created, by id. */
  readonly statisticsStages: ReadonlyMap<string, ReaderStage>;
}

/**
 * Resolves a diff against the models it compared. The NOT NULL names a model cannot hold are
 * dropped once, by the diff (which hands the pair it compared on), or here for a result made without it.
 */
export function resolve(result: DiffResult, models: { from: Model; to: Model }): Resolved {
  const compared = result.compared ?? comparableNotNullNames(models.from, models.to);
  const base = changeFacts(result.changes, compared, result.columnOrder ?? 'append');
  const ways = typeChangeWays(base);
  const online = onlineRetypes(ways);
  const generated = generatedFacts(base, online);
  const deferred = new Set([...base.deferredTables, ...generated.lateTables]);
  const slots = viewSlots(base, deferred);
  for (const view of lateViews(result.changes, slots)) deferred.add(view);
  const facts: ChangeFacts = { ...base, deferredTables: deferred };
  const attaches = partitionKeyAttaches(facts);
  const inherited = inheritedColumns(result.changes, compared);
  const stages = readerStages(facts, deferred, slots);
  return Object.freeze({
    ...facts,
    typeChanges: ways,
    onlineRetypes: online,
    renames: renameWays(facts),
    generated,
    viewSlots: slots,
    partitionKeyAttaches: attaches,
    adoptedIndexes: adoptedIndexes(attaches),
    refreshedKeys: refreshedKeys(facts),
    inheritedAdds: inherited.adds,
    inheritedDrops: inherited.drops,
    ruleStages: stages.rules,
    statisticsStages: stages.statistics,
  });
}
