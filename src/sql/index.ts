import type { Op, OpKind, OpOf } from '../plan/ops.js';
import { PHASES, type Step } from '../plan/step.js';
import { columnRenderers } from './columns.js';
import { commentRenderers } from './comments.js';
import { constraintRenderers } from './constraints.js';
import { enumRenderers } from './enums.js';
import { extensionRenderers } from './extensions.js';
import { quoteIdent, quoteQualified } from './ident.js';
import { indexRenderers } from './indexes.js';
import { onlineRenderers, renderCopyAll } from './online.js';
import type { Renderers } from './render-types.js';
import { schemaRenderers } from './schemas.js';
import { sequenceRenderers } from './sequences.js';
import { tableRenderers } from './tables.js';
import { viewRenderers } from './views.js';
import { routineRenderers } from './routines.js';
import { triggerRenderers } from './triggers.js';
import { policyRenderers } from './policies.js';
import { tableOptionRenderers } from './table-options.js';
import { privilegeRenderers } from './privileges.js';
import { collationRenderers } from './collations.js';
import { domainRenderers } from './domains.js';
import { rangeTypeRenderers } from './range-types.js';
import { notNullRenderers } from './not-null.js';
import { rebuildRenderers } from './rebuild.js';
import { compositeTypeRenderers } from './composite-types.js';
import { defaultPrivilegeRenderers } from './default-privileges.js';
import { eventTriggerRenderers } from './event-triggers.js';
import { statisticsRenderers } from './statistics.js';
import { ruleRenderers } from './rules.js';
import { aggregateRenderers } from './aggregates.js';
import { publicationRenderers } from './publications.js';

export { quoteIdent, quoteLiteral, quoteQualified } from './ident.js';
export { renderType } from './types.js';

/** Every op kind has exactly one renderer; a missing one is a compile error here. */
const RENDERERS: Renderers<OpKind> = {
  ...schemaRenderers,
  ...extensionRenderers,
  ...enumRenderers,
  ...sequenceRenderers,
  ...tableRenderers,
  ...columnRenderers,
  ...constraintRenderers,
  ...indexRenderers,
  ...commentRenderers,
  ...viewRenderers,
  ...routineRenderers,
  ...triggerRenderers,
  ...policyRenderers,
  ...tableOptionRenderers,
  ...privilegeRenderers,
  ...collationRenderers,
  ...domainRenderers,
  ...rangeTypeRenderers,
  ...onlineRenderers,
  ...notNullRenderers,
  ...rebuildRenderers,
  ...compositeTypeRenderers,
  ...defaultPrivilegeRenderers,
  ...eventTriggerRenderers,
  ...statisticsRenderers,
  ...ruleRenderers,
  ...aggregateRenderers,
  ...publicationRenderers,
};

/** The statement of one op, without the terminating semicolon. */
export function renderOp(op: Op): string {
  const render = RENDERERS[op.kind] as (o: OpOf<typeof op.kind>) => string;
  return render(op);
}

/** The SQL text of a step: one statement, terminated with `;`. */
export function renderStep(step: Step): string {
  return `${renderOp(step.op)};`;
}

/** The statement that undoes a step (for down.sql), or null when it cannot be undone. */
export function renderReverse(step: Step): string | null {
  return step.reverse === null ? null : `${renderOp(step.reverse)};`;
}

export interface ScriptOptions {
  /** false: no `-- phase:` line before each phase's statements (a schema file, which has no phases). Default true. */
  readonly phaseHeaders?: boolean;
}

/**
 * In a one-shot script a batched backfill runs as one UPDATE of every remaining row: psql cannot loop,
 * and the single statement always terminates (a batch loop would not if the value were NULL). A
 * table lock is left out (null): psql autocommits each statement, and LOCK fails outside a transaction.
 */
function scriptStatement(step: Step): string | null {
  if (step.op.kind === 'lock-table') return null;
  if (step.op.kind === 'backfill-copy') return `${renderCopyAll(step.op)};`;
  if (step.op.kind !== 'backfill-column') return renderStep(step);
  const { table, column, value } = step.op;
  const c = quoteIdent(column);
  return `UPDATE ${quoteQualified(table.schema, table.name)} SET ${c} = ${value} WHERE ${c} IS NULL;`;
}

/**
 * A complete script of all phases in order that `psql -v ON_ERROR_STOP=1 -f` runs as it is. psql
 * autocommits each statement, so non-transactional steps (CONCURRENTLY, ALTER TYPE … ADD VALUE) are
 * plain statements; their directive comment keeps the script readable as a migration file. The
 * steps are rendered as given: which of them the hazard gate lets through is decided in plan
 * (plan/gate.ts).
 */
export function renderScript(steps: readonly Step[], opts: ScriptOptions = {}): string {
  const sections: string[] = [];
  for (const phase of PHASES) {
    const lines: string[] = [];
    for (const step of steps) {
      if (step.phase !== phase) continue;
      const statement = scriptStatement(step);
      if (statement === null) continue;
      if (!step.transactional) lines.push('-- pgtide:no-transaction');
      lines.push(statement);
    }
    if (lines.length > 0) sections.push(`${opts.phaseHeaders === false ? '' : `-- phase: ${phase}\n`}${lines.join('\n')}\n`);
  }
  return sections.join('\n');
}
