import { comparableNotNullNames } from '../model/not-null.js';
import type { Model } from '../model/types.js';
import type { Change, DiffOptions, DiffResult } from './change.js';
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

export type { Change, ChangeKind, ColumnOrder, DiffOptions, DiffResult, RenameSuggestion, TableRecreate, TableRecreateReason } from './change.js';

/**
 * Everything that differs between two models. Order is deterministic: by kind (schemas, extensions,
 * enums, tables, columns, sequences, constraints, indexes), then renames and alters, drops, creates,
 * each by id. The planner decides execution order; this order only makes output stable.
 */
export function diff(current: Model, desired: Model, options?: Partial<DiffOptions>): DiffResult {
  const columnOrder = options?.columnOrder ?? 'append';
  const compared = comparableNotNullNames(current, desired);
  const { from, to } = compared;
  const renames = new RenameContext();
  const enums = diffEnums(from, to);
  for (const [oldId, e] of enums.renamed) {
    const old = from.enum.get(oldId)!;
    renames.addType(old.schema, old.name, e.name);
  }
  // Tables and columns first: their renames project sequences, constraints and indexes.
  const tables = diffTables(from, to, renames, columnOrder);
  const changes: Change[] = [
    ...diffSchemas(from, to).changes,
    ...diffExtensions(from, to).changes,
    ...enums.changes,
    ...tables.tables,
    ...tables.columns,
    ...diffSequences(from, to, renames).changes,
    ...diffConstraints(from, to, renames),
    ...diffIndexes(from, to, renames).changes,
    ...diffViews(from, to).changes,
    ...diffRoutines(from, to).changes,
    ...diffTriggers(from, to).changes,
    ...diffPolicies(from, to).changes,
    ...diffPrivileges(from, to).changes,
    ...diffCollations(from, to).changes,
    ...diffDomains(from, to).changes,
  ];
  const adjusted = withRecreatedTables(changes, from, to);
  const result = {
    changes: withDependents(adjusted, from, to),
    suggestions: renameSuggestions(changes),
    ...(from === current && to === desired ? {} : { compared }),
  };
  return columnOrder === 'append' ? result : { ...result, columnOrder };
}
