import { comparableNotNullNames } from '../model/not-null.js';
import type { Kind, Model } from '../model/types.js';
import type { Change, ColumnOrder, DiffOptions, DiffResult } from './change.js';
import { diffConstraints } from './constraints.js';
import { withDependents } from './dependents.js';
import { diffEnums } from './enums.js';
import { diffExtensions } from './extensions.js';
import { diffIndexes } from './indexes.js';
import { RenameContext } from './renames.js';
import { withRecreatedTables } from './recreate.js';
import { diffSchemas } from './schemas.js';
import { diffSequences } from './sequences.js';
import { renameSuggestions } from './suggestions.js';
import { diffTables } from './tables.js';
import { diffViews } from './views.js';
import { diffRoutines } from './routines.js';
import { diffTriggers } from './triggers.js';
import { diffPolicies } from './policies.js';
import { diffPrivileges } from './privileges.js';
import { diffCollations } from './collations.js';
import { diffDomains } from './domains.js';
import { diffCompositeTypes } from './composite-types.js';
import { diffDefaultPrivileges } from './default-privileges.js';
import { diffEventTriggers } from './event-triggers.js';
import { diffStatistics } from './statistics.js';
import { diffRules } from './rules.js';
import { diffRangeTypes } from './range-types.js';
import { diffAggregates } from './aggregates.js';
import { diffPublications } from './publications.js';

export type { Change, ChangeKind, ColumnOrder, DiffOptions, DiffResult, RenameSuggestion, TableRecreate, TableRecreateReason } from './change.js';

/** What every differ gets: both models, and the renames that earlier differs found. */
interface DiffInput {
  readonly from: Model;
  readonly to: Model;
  readonly renames: RenameContext;
  readonly columnOrder: ColumnOrder;
}

/**
 * One differ per kind; a kind without one does not compile. They run in the key order here, which
 * is also the order of their changes in the output: enums register their renames (types in column
 * definitions), then tables and columns theirs, which later differs project onto sequences,
 * constraints and indexes. Table changes are followed by the column changes of every table.
 */
const DIFFERS: { readonly [K in Kind]: (d: DiffInput) => readonly Change[] } = {
  schema: ({ from, to }) => diffSchemas(from, to).changes,
  extension: ({ from, to }) => diffExtensions(from, to).changes,
  enum: ({ from, to, renames }) => {
    const enums = diffEnums(from, to);
    for (const [oldId, e] of enums.renamed) {
      const old = from.enum.get(oldId)!;
      renames.addType(old.schema, old.name, e.name);
    }
    return enums.changes;
  },
  table: ({ from, to, renames, columnOrder }) => {
    const tables = diffTables(from, to, renames, columnOrder);
    return [...tables.tables, ...tables.columns];
  },
  sequence: ({ from, to, renames }) => diffSequences(from, to, renames).changes,
  constraint: ({ from, to, renames }) => diffConstraints(from, to, renames),
  index: ({ from, to, renames }) => diffIndexes(from, to, renames).changes,
  view: ({ from, to }) => diffViews(from, to).changes,
  function: ({ from, to }) => diffRoutines(from, to).changes,
  trigger: ({ from, to }) => diffTriggers(from, to).changes,
  policy: ({ from, to }) => diffPolicies(from, to).changes,
  privilege: ({ from, to }) => diffPrivileges(from, to).changes,
  collation: ({ from, to }) => diffCollations(from, to).changes,
  domain: ({ from, to }) => diffDomains(from, to).changes,
  'composite-type': ({ from, to, renames }) => diffCompositeTypes(from, to, renames),
  'default-privileges': ({ from, to }) => diffDefaultPrivileges(from, to).changes,
  'event-trigger': ({ from, to }) => diffEventTriggers(from, to).changes,
  statistics: ({ from, to }) => diffStatistics(from, to).changes,
  rule: ({ from, to }) => diffRules(from, to).changes,
  'range-type': ({ from, to }) => diffRangeTypes(from, to).changes,
  aggregate: ({ from, to }) => diffAggregates(from, to).changes,
  publication: ({ from, to }) => diffPublications(from, to).changes,
};

/**
 * Everything that differs between two models. Order is deterministic: by kind in the order of
 * `DIFFERS`, within a kind renames and alters, drops, creates, each by id; then what follows from
 * recreated tables and from dependents. The planner decides execution order; this order only makes
 * output stable.
 */
export function diff(current: Model, desired: Model, options?: Partial<DiffOptions>): DiffResult {
  const columnOrder = options?.columnOrder ?? 'append';
  const compared = comparableNotNullNames(current, desired);
  const { from, to } = compared;
  const input: DiffInput = { from, to, renames: new RenameContext({ from: from.sequence, to: to.sequence }), columnOrder };
  const changes: Change[] = [];
  for (const kind of Object.keys(DIFFERS) as Kind[]) for (const c of DIFFERS[kind](input)) changes.push(c);
  const adjusted = withRecreatedTables(changes, from, to);
  const result = {
    changes: withDependents(adjusted, from, to),
    suggestions: renameSuggestions(changes),
    ...(from === current && to === desired ? {} : { compared }),
  };
  return columnOrder === 'append' ? result : { ...result, columnOrder };
}
